namespace StatusBot.Host.Tests.Web;

/// <summary>The words for an incident's impact on the page agree with the status its services show, in the chat and on the page.</summary>
public sealed class ImpactWordsTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    [Fact]
    public async Task IncidentPage_MajorImpactServiceSetMajor_ReadsMajorOutageEverywhere()
    {
        await serve.RunAsync("incident open api major \"API errors\"");
        await serve.RunAsync("service set api major");
        var apology = await serve.RunAsync("incident apologize INC-3");

        var html = await serve.Client.GetStringAsync("/incidents/INC-3");

        Assert.Contains("(major outage)", apology.Reply.Lines[0], StringComparison.Ordinal);
        Assert.Contains("critical impact (major outage)", html, StringComparison.Ordinal);
        Assert.Contains("still not working normally (major outage)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("partial outage", html, StringComparison.OrdinalIgnoreCase);
    }
}
