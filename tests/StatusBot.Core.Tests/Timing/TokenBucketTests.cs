using StatusBot.Core.Timing;

namespace StatusBot.Core.Tests.Timing;

public sealed class TokenBucketTests
{
    [Theory]
    [InlineData(0.0, 30, 0.1, 5.0, 3.0)]
    [InlineData(2.5, 60, 1.0, 5.0, 5.0)]
    [InlineData(0.0, 0, 1.0, 5.0, 0.0)]
    [InlineData(4.0, 1, 1.0, 5.0, 5.0)]
    public void Refill_GrowsAtTheRate_UpToTheBurst(double tokens, int seconds, double perSecond, double burst, double expected)
    {
        Assert.Equal(expected, TokenBucket.Refill(tokens, TimeSpan.FromSeconds(seconds), perSecond, burst), 9);
    }

    [Fact]
    public void Refill_NegativeElapsed_TakesNothingAway()
    {
        Assert.Equal(3.0, TokenBucket.Refill(3.0, TimeSpan.FromHours(-1), 1.0, 5.0), 9);
    }
}
