using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using StatusBot.Slack.Verification;
using StatusBot.Testing.Slack;

namespace StatusBot.Slack.Tests.Verification;

public sealed class SlackSignatureVerifierTests
{
    private static readonly IReadOnlyDictionary<string, string> Example = Fixtures.SigningExample();

    private static long ExampleTimestamp => long.Parse(Example["X-Slack-Request-Timestamp"], CultureInfo.InvariantCulture);

    private static byte[] ExampleBody => Encoding.UTF8.GetBytes(Example["body"]);

    [Fact]
    public void Verify_OfficialSlackExample_Accepts()
    {
        var verifier = new SlackSignatureVerifier(Example["signing_secret"], ClockAt(ExampleTimestamp));

        var ok = verifier.Verify(Example["X-Slack-Request-Timestamp"], Example["X-Slack-Signature"], ExampleBody);

        Assert.True(ok);
    }

    [Fact]
    public void Sign_OfficialSlackExample_GivesThePublishedSignature()
    {
        var verifier = new SlackSignatureVerifier(Example["signing_secret"], ClockAt(ExampleTimestamp));

        var signature = verifier.Sign(Example["X-Slack-Request-Timestamp"], ExampleBody);

        Assert.Equal(Example["X-Slack-Signature"], signature);
    }

    [Fact]
    public void Verify_BodyChangedByOneByte_Rejects()
    {
        var verifier = new SlackSignatureVerifier(Example["signing_secret"], ClockAt(ExampleTimestamp));
        var body = ExampleBody;
        body[^1] ^= 1;

        var ok = verifier.Verify(Example["X-Slack-Request-Timestamp"], Example["X-Slack-Signature"], body);

        Assert.False(ok);
    }

    [Theory]
    [InlineData("8f742231b10e8888abcd99yyyzzz85a6")]
    [InlineData("")]
    public void Verify_WrongSecret_Rejects(string secret)
    {
        var verifier = new SlackSignatureVerifier(secret, ClockAt(ExampleTimestamp));

        var ok = verifier.Verify(Example["X-Slack-Request-Timestamp"], Example["X-Slack-Signature"], ExampleBody);

        Assert.False(ok);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    [InlineData(86_400)]
    public void Verify_TimestampMoreThanFiveMinutesAway_Rejects(long skewSeconds)
    {
        var verifier = new SlackSignatureVerifier(Example["signing_secret"], ClockAt(ExampleTimestamp + skewSeconds));

        var ok = verifier.Verify(Example["X-Slack-Request-Timestamp"], Example["X-Slack-Signature"], ExampleBody);

        Assert.False(ok);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(-300)]
    public void Verify_TimestampExactlyFiveMinutesAway_Accepts(long skewSeconds)
    {
        var verifier = new SlackSignatureVerifier(Example["signing_secret"], ClockAt(ExampleTimestamp + skewSeconds));

        var ok = verifier.Verify(Example["X-Slack-Request-Timestamp"], Example["X-Slack-Signature"], ExampleBody);

        Assert.True(ok);
    }

    [Theory]
    [InlineData(null, "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("1531420618", null)]
    [InlineData("not-a-number", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("1531420618", "v0=a2114d57")]
    [InlineData("1531420618", "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("1531420618", "V0=A2114D57B48EAC39B9AD189DD8316235A7B4A8D21A10BD27519666489C69B503")]
    [InlineData("+1531420618", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    public void Verify_MalformedHeaders_Rejects(string? timestamp, string? signature)
    {
        var verifier = new SlackSignatureVerifier(Example["signing_secret"], ClockAt(ExampleTimestamp));

        var ok = verifier.Verify(timestamp, signature, ExampleBody);

        Assert.False(ok);
    }

    private static FakeTimeProvider ClockAt(long unixSeconds) => new(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));
}
