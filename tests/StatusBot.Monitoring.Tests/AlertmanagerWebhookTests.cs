namespace StatusBot.Monitoring.Tests;

public sealed class AlertmanagerWebhookTests
{
    [Fact]
    public void Parse_FiringNotification_GivesTheAlertsWithLabelsAndTimes()
    {
        var notification = AlertmanagerWebhook.Parse(Fixtures.Read("alertmanager-webhook-firing.json"));

        Assert.Equal("firing", notification.Status);
        Assert.Equal(2, notification.Alerts.Count);
        var alert = notification.Alerts[0];
        Assert.True(alert.IsFiring);
        Assert.Equal("StreamingErrorRate", alert.Name);
        Assert.Equal("streaming", alert.Labels["service"]);
        Assert.Equal("5xx ratio above 20% on the TV device API", alert.Annotations["summary"]);
        Assert.Equal(new DateTimeOffset(2012, 12, 24, 20, 45, 0, TimeSpan.Zero), alert.StartsAt);
        Assert.Equal("9f1c2b7e4a6d0c33", alert.Fingerprint);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[]", "JSON object")]
    [InlineData("""{"status":"firing","alerts":[]}""", "notification.version is missing")]
    [InlineData("""{"version":"3","status":"firing","alerts":[]}""", "only version 4")]
    [InlineData("""{"version":"4","status":"burning","alerts":[]}""", "expected firing or resolved")]
    [InlineData("""{"version":"4","status":"firing"}""", "alerts must be an array")]
    [InlineData("""{"version":"4","status":"firing","alerts":[{"status":"firing","labels":{"service":7}}]}""", "alerts[0].labels.service must be a string")]
    [InlineData("""{"version":"4","status":"firing","alerts":[{"status":"firing","startsAt":"yesterday"}]}""", "not an RFC 3339 time")]
    public void Parse_Malformed_ThrowsFormatExceptionNamingTheProblem(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => AlertmanagerWebhook.Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
