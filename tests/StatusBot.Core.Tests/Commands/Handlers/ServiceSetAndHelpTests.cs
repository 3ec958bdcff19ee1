using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.Replies;
using StatusBot.Testing;

namespace StatusBot.Core.Tests.Commands.Handlers;

public sealed class ServiceSetAndHelpTests
{
    [Fact]
    public async Task ServiceSet_NewStatusWithNote_Confirmed()
    {
        await using var bot = await TestBot.StartAsync();

        var result = await bot.RunAsync("service set api degraded Slow responses from us-east-1");

        Assert.Equal(CommandOutcome.Changed, result.Outcome);
        Assert.Equal("API is now Degraded performance", result.Reply.Title);
        Assert.Equal(Severity.Minor, result.Reply.Severity);
        Assert.Equal(["🟡 API — Degraded performance · just now"], result.Reply.Lines.ToArray());
        Assert.Equal("Slow responses from us-east-1", bot.State.Services["api"].Note);
    }

    [Fact]
    public async Task ServiceSet_SameStatusAndNote_UnchangedAndNothingStored()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("service set api major");
        var before = bot.State;

        var result = await bot.RunAsync("service set API major_outage");

        Assert.Equal(CommandOutcome.Unchanged, result.Outcome);
        Assert.Equal("API was already Major outage; nothing changed", result.Reply.Title);
        Assert.Same(before, bot.State);
    }

    [Fact]
    public async Task ServiceSet_InFrench_ConfirmedInFrench()
    {
        await using var bot = await TestBot.StartAsync();

        var result = await bot.RunAsync("service set connexion maintenance", TestBot.Admin("fr"));

        Assert.Equal("Sign-in est désormais : En maintenance", result.Reply.Title);
        Assert.Equal(ServiceStatus.UnderMaintenance, bot.State.Services["sign-in"].Status);
    }

    [Fact]
    public async Task Help_NoArgument_EveryCatalogCommandWithUsage()
    {
        await using var bot = await TestBot.StartAsync();

        var reply = (await bot.RunAsync("help", TestBot.Viewer())).Reply;

        Assert.Equal("StatusBot commands", reply.Title);
        Assert.Equal(Catalog.All.Length, reply.Lines.Length);
        foreach (var (spec, line) in Catalog.All.Zip(reply.Lines))
        {
            Assert.StartsWith(spec.Usage + " — ", line, StringComparison.Ordinal);
            Assert.Equal(spec.Permission == Permission.Admin, line.EndsWith("(admins)", StringComparison.Ordinal));
        }

        Assert.Contains("is streaming down?", reply.Footer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_OneCommand_UsageAndEachOption()
    {
        await using var bot = await TestBot.StartAsync();

        var reply = (await bot.RunAsync("help /incident open")).Reply;

        Assert.Equal(Catalog.IncidentOpen.Usage, reply.Title);
        Assert.Equal("incident open <services> <impact> <title…> [cause:\"…\"] [segments:\"…\"] [users:N] — Open an incident (admins)", reply.Lines[0]);
        Assert.Contains("    <services>: Affected services, comma-separated · one of: streaming, website, api, billing, sign-in", reply.Lines);
        Assert.Contains("    [users:N]: Estimated number of users affected", reply.Lines);
        Assert.Equal(1 + Catalog.IncidentOpen.Options.Length, reply.Lines.Length);
    }

    [Fact]
    public async Task Help_Group_EverySubcommand()
    {
        await using var bot = await TestBot.StartAsync();

        var reply = (await bot.RunAsync("help incident")).Reply;

        Assert.Equal("incident commands", reply.Title);
        foreach (var spec in Catalog.InGroup("incident"))
        {
            Assert.Contains(reply.Lines, l => l.StartsWith(spec.Usage + " — ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Help_UnknownCommand_Error()
    {
        await using var bot = await TestBot.StartAsync();

        var reply = (await bot.RunAsync("help teleport")).Reply;

        Assert.Equal(Severity.Error, reply.Severity);
        Assert.Equal("Unknown command 'teleport'.", reply.Title);
    }

    [Fact]
    public async Task Help_InFrench_FrenchDescriptions()
    {
        await using var bot = await TestBot.StartAsync();

        var reply = (await bot.RunAsync("help", TestBot.Viewer("fr"))).Reply;

        Assert.Equal("Commandes de StatusBot", reply.Title);
        Assert.Contains("incident open <services> <impact> <title…> [cause:\"…\"] [segments:\"…\"] [users:N] — Ouvrir un incident (admins)", reply.Lines);
    }

    [Fact]
    public async Task Help_Group_ListsTheAllowedValuesOfEachOption()
    {
        await using var bot = await TestBot.StartAsync();

        var reply = (await bot.RunAsync("help incident", TestBot.Viewer())).Reply;

        Assert.Contains(
            "    <impact>: How bad it is; it sets the status of the affected services · one of: none (operational), minor (degraded performance), major (partial outage), critical (major outage)",
            reply.Lines);
        Assert.Contains("    <status>: New status · one of: investigating, identified, monitoring, resolved", reply.Lines);
        Assert.Contains("    <confidence>: How sure the cause is · one of: suspected, identified, confirmed", reply.Lines);
        Assert.Contains($"    [upstream:upstream]: Upstream provider to blame · one of: {DemoCatalog.ElbId}", reply.Lines);
        Assert.Contains("    <services>: Affected services, comma-separated · one of: streaming, website, api, billing, sign-in", reply.Lines);
    }

    [Fact]
    public async Task Help_ServiceSet_ListsStatusesWithTheirShortForms()
    {
        await using var bot = await TestBot.StartAsync();

        var reply = (await bot.RunAsync("help service set", TestBot.Viewer())).Reply;

        var status = Assert.Single(reply.Lines, l => l.StartsWith("    <status>", StringComparison.Ordinal));
        Assert.Contains("partial_outage (partial)", status, StringComparison.Ordinal);
        Assert.Contains("major_outage (major, down, outage)", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_IncidentOpenInFrench_ImpactsNamedByWhatTheyDo()
    {
        await using var bot = await TestBot.StartAsync();

        var reply = (await bot.RunAsync("help incident open", TestBot.Viewer("fr"))).Reply;

        Assert.Contains(
            "    <impact> : Gravité ; elle fixe le statut des services touchés · au choix : none (opérationnel), minor (performances dégradées), major (panne partielle), critical (panne majeure)",
            reply.Lines);
    }
}
