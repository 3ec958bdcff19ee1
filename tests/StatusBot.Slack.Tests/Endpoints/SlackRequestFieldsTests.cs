using System.Text;
using StatusBot.Slack.Endpoints;

namespace StatusBot.Slack.Tests.Endpoints;

public sealed class SlackRequestFieldsTests
{
    private static readonly string[] Names = ["command", "text", "user_id", "trigger_id", "ssl_check"];

    [Theory]
    [InlineData("token=x&team_id=T1&user_id=U1&command=%2Fstatusbot&text=incident+resolve+%22db%22+%E2%9C%85&trigger_id=1.2.3")]
    [InlineData("?command=%2Fstatusbot&text=&user_id=U1")]
    [InlineData("text=a&TEXT=b&Text=c&command")]
    [InlineData("USER%5FID=U%2B1&%74ext=caf%C3%A9+%ZZ&=orphan&&trigger_id=%E2%28%A1")]
    [InlineData("ssl_check=1&token=x")]
    [InlineData("")]
    public void Fields_AnyBody_ReadsWhatTheWholeFormParseReads(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var form = SlackRequest.Form(bytes);
        var values = new string[Names.Length];

        SlackRequest.Fields(bytes, Names, values);

        Assert.Equal(Names.Select(n => SlackRequest.Field(form, n)), values);
    }

    [Fact]
    public void Fields_InvalidUtf8InAValue_DecodesAsTheWholeBodyWould()
    {
        byte[] bytes = [.. "text="u8, 0xE2, 0x28, .. "&user_id=U1"u8];
        var form = SlackRequest.Form(bytes);
        var values = new string[Names.Length];

        SlackRequest.Fields(bytes, Names, values);

        Assert.Equal(SlackRequest.Field(form, "text"), values[1]);
        Assert.Equal("U1", values[2]);
    }
}
