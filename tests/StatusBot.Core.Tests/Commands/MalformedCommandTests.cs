using StatusBot.Core.Commands;
using StatusBot.Core.Replies;
using StatusBot.Testing;

namespace StatusBot.Core.Tests.Commands;

/// <summary>Every malformed command gets one clear error line (and the usage when the command is known) and changes nothing.</summary>
public sealed class MalformedCommandTests
{
    [Theory]
    [InlineData("/reboot", "Unknown command 'reboot'.", "Type help to see the commands.")]
    [InlineData("/stauts", "Unknown command 'stauts'; did you mean status?", "Type help to see the commands.")]
    [InlineData("incident opne streaming major Down", "Unknown command 'incident opne'; did you mean incident open?", "incident list")]
    [InlineData("incident destroy 1", "Unknown command 'incident destroy'; 'incident' needs one of:", "incident list")]
    [InlineData("incident open", "Missing <services>.", "Usage: incident open <services> <impact> <title…> [cause:\"…\"] [segments:\"…\"] [users:N]")]
    [InlineData("incident open streaming major", "Missing <title>.", "Usage: incident open")]
    [InlineData("incident open teleport major Down", "There is no service called 'teleport'. Services: streaming, website, api, billing, sign-in.", "Usage: incident open")]
    [InlineData("incident open streaming major \"Down", "A quote is opened but never closed.", "Type help")]
    [InlineData("incident open streaming apocalyptic Down", "'apocalyptic' is not a valid impact; use one of: none, minor, major, critical.", "Usage: incident open")]
    [InlineData("status streaming website", "I did not expect 'website' here.", "Usage: status [service]")]
    [InlineData("history 400", "days must be between 1 and 365.", "Usage: history [days]")]
    [InlineData("uptime 91", "days must be between 1 and 90.", "Usage: uptime [service] [days]")]
    [InlineData("incident show banana", "'banana' is not an incident id; they look like INC-12.", "Usage: incident show <id>")]
    [InlineData("service set streaming sideways", "'sideways' is not a valid status; use one of: operational, degraded_performance, partial_outage, major_outage, under_maintenance.", "Usage: service set")]
    [InlineData("incident open streaming major Down \u001b[2J", "The title contains control or text-direction characters; please remove them.", "Usage: incident open")]
    [InlineData("incident open streaming major Down \u202Etxt.exe", "The title contains control or text-direction characters; please remove them.", "Usage: incident open")]
    public async Task DispatchText_Malformed_ErrorWithUsageAndNothingChanges(string text, string title, string firstLine)
    {
        await using var bot = await TestBot.StartAsync();
        var before = bot.State;

        var result = await bot.RunAsync(text);

        Assert.Equal(CommandOutcome.Usage, result.Outcome);
        Assert.Equal(Severity.Error, result.Reply.Severity);
        Assert.Equal(title, result.Reply.Title);
        Assert.StartsWith(firstLine, result.Reply.Lines[0], StringComparison.Ordinal);
        Assert.Same(before, bot.State);
    }

    [Fact]
    public async Task DispatchText_3000CharacterTitle_SaysHowLongAndChangesNothing()
    {
        await using var bot = await TestBot.StartAsync();
        var before = bot.State.Sequence;

        var result = await bot.RunAsync("incident open streaming major \"" + new string('a', 3000) + "\"");

        Assert.Equal(CommandOutcome.Usage, result.Outcome);
        Assert.Equal("The title is too long: at most 200 characters, this one has 3000.", result.Reply.Title);
        Assert.Equal(before, bot.State.Sequence);
        Assert.Empty(bot.State.Incidents);
    }

    [Theory]
    [InlineData("status ")]
    [InlineData("/")]
    [InlineData("status streaming ")]
    [InlineData("incident show ")]
    [InlineData("history ")]
    [InlineData("incident open streaming ")]
    public async Task DispatchText_3000CharacterWord_ErrorIsShort(string prefix)
    {
        await using var bot = await TestBot.StartAsync();

        var result = await bot.RunAsync(prefix + new string('z', 3000));

        Assert.Equal(CommandOutcome.Usage, result.Outcome);
        Assert.True(result.Reply.ToPlainText().Length < 400, result.Reply.ToPlainText().Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("incident show 42")]
    [InlineData("incident update INC-42 identified Found it")]
    [InlineData("incident cause 42 confirmed ELB")]
    [InlineData("incident resolve #42")]
    [InlineData("incident apologize 42")]
    public async Task DispatchText_UnknownIncidentId_SaysSoAndChangesNothing(string text)
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major Down");
        var before = bot.State;

        var result = await bot.RunAsync(text);

        Assert.Equal(Severity.Error, result.Reply.Severity);
        Assert.Contains("There is no incident INC-42.", result.Reply.ToPlainText(), StringComparison.Ordinal);
        Assert.Contains("incident list", result.Reply.ToPlainText(), StringComparison.Ordinal);
        Assert.Same(before, bot.State);
    }

    [Theory]
    [InlineData("incident update 1 identified Found it")]
    [InlineData("incident resolve 1")]
    [InlineData("incident apologize 1")]
    public async Task DispatchText_ResolvedIncident_RefusedAndNothingChanges(string text)
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major Down");
        await bot.RunAsync("incident resolve 1");
        var before = bot.State;

        var result = await bot.RunAsync(text);

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Equal("INC-1 is already resolved; open a new incident if the problem is back.", result.Reply.Title);
        Assert.Same(before, bot.State);
    }

    [Fact]
    public async Task DispatchText_Malformed_FrenchErrorAndUsage()
    {
        await using var bot = await TestBot.StartAsync();

        var result = await bot.RunAsync("incident open teleport major Down", TestBot.Admin("fr"));

        Assert.Equal("Il n'y a pas de service « teleport ». Services : streaming, website, api, billing, sign-in.", result.Reply.Title);
        Assert.StartsWith("Syntaxe : incident open", result.Reply.Lines[0], StringComparison.Ordinal);
    }
}
