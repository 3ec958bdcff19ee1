using StatusBot.Core.Announcing;
using StatusBot.Core.Commands;
using StatusBot.Testing;

namespace StatusBot.Core.Tests.Commands;

/// <summary>Driven by the catalog, so a new admin command is covered the day it is added.</summary>
public sealed class AuthorizationTests
{
    /// <summary>A valid invocation of each admin command against a board with INC-1 open.</summary>
    private static readonly Dictionary<string, string> ValidArguments = new(StringComparer.Ordinal)
    {
        ["incident open"] = "streaming major \"Streaming fails\"",
        ["incident update"] = "1 identified Found it",
        ["incident cause"] = "1 confirmed ELB upstream:aws-elb-us-east-1",
        ["incident resolve"] = "1 Fixed",
        ["incident apologize"] = "1",
        ["incident postmortem"] = "1",
        ["service set"] = "api major Down",
        ["channel subscribe"] = "streaming,website",
        ["channel unsubscribe"] = "",
        ["channel locale"] = "fr",
        ["maintenance schedule"] = "billing in:2h 90m Card processor upgrade",
        ["maintenance cancel"] = "MNT-1",
        ["publish approve"] = "PUB-1",
        ["publish skip"] = "PUB-1",
        ["publish edit"] = "PUB-1 Streaming is down; we are on it.",
    };

    public static TheoryData<string> AdminCommands() => [.. Catalog.All.Where(c => c.Permission == Permission.Admin).Select(c => c.Name)];

    public static TheoryData<string> ReadCommands() => [.. Catalog.All.Where(c => c.Permission == Permission.Anyone && !c.Mutates).Select(c => c.Name)];

    /// <summary>The changes anyone may make: they concern only the caller (what they follow by direct message).</summary>
    private static readonly string[] PersonalChanges = ["follow", "unfollow"];

    [Fact]
    public void Catalog_EveryCommandThatChangesState_IsAdminOnly_ButTheCallersOwnFollows()
    {
        var writes = Catalog.All.Where(c => c.Mutates).Select(c => c.Name).ToList();

        Assert.NotEmpty(writes);
        Assert.All(Catalog.All.Where(c => !PersonalChanges.Contains(c.Name)), c => Assert.Equal(c.Mutates, c.Permission == Permission.Admin));
        Assert.All(PersonalChanges, name => Assert.Equal(Permission.Anyone, Catalog.Find(name)!.Permission));
    }

    [Theory]
    [MemberData(nameof(AdminCommands))]
    public async Task DispatchText_AdminCommandByViewer_DeniedAndStateUnchanged(string name)
    {
        Assert.True(ValidArguments.ContainsKey(name), $"Add a valid invocation of '{name}' to {nameof(ValidArguments)}.");
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major Down");
        var before = bot.State;

        var result = await bot.RunAsync($"{name} {ValidArguments[name]}", TestBot.Viewer());

        Assert.Equal(CommandOutcome.Denied, result.Outcome);
        Assert.Equal($"Only admins can run '{name}'.", result.Reply.Title);
        Assert.Equal("Nothing was changed. Ask an admin, or use status, why and history.", Assert.Single(result.Reply.Lines));
        Assert.Same(before, bot.State);
    }

    /// <summary>What must exist before a command can change something (a subscription to leave, a window to cancel).</summary>
    private static readonly Dictionary<string, string> Preconditions = new(StringComparer.Ordinal)
    {
        ["channel unsubscribe"] = "channel subscribe",
        ["channel locale"] = "channel subscribe",
        ["maintenance cancel"] = "maintenance schedule billing in:2h 90m Upgrade",
        ["incident postmortem"] = "incident resolve 1 Fixed",
    };

    [Theory]
    [MemberData(nameof(AdminCommands))]
    public async Task DispatchText_SameCommandByAdmin_Changes(string name)
    {
        await using var bot = await TestBot.StartAsync();
        var admin = TestBot.Admin() with { Channel = new ChannelRef("test", "C-OPS") };
        await bot.RunAsync("incident open streaming major Down");
        if (Preconditions.TryGetValue(name, out var setup))
        {
            Assert.Equal(CommandOutcome.Changed, (await bot.RunAsync(setup, admin)).Outcome);
        }

        if (name.StartsWith("publish ", StringComparison.Ordinal))
        {
            // Drafts are written by the announcer, not by a command.
            await bot.Board.ExecuteAsync(
                _ => Core.Board.Decision.Apply(new Core.Events.PublicDraftWritten(
                    Core.Domain.Actor.System, bot.Time.GetUtcNow(), "PUB-1", "mastodon", "mastodon", "INC-1", 1, Core.Publishing.PublicPostKind.Opened, "Streaming is down.", "https://status.example.com/incidents/INC-1", Approved: false)),
                CancellationToken.None);
        }

        var before = bot.State.Sequence;

        var result = await bot.RunAsync($"{name} {ValidArguments[name]}", admin);

        Assert.Equal(CommandOutcome.Changed, result.Outcome);
        Assert.True(bot.State.Sequence > before);
    }

    [Theory]
    [MemberData(nameof(AdminCommands))]
    public async Task DispatchText_AdminCommandByViewerInFrench_DeniedInFrench(string name)
    {
        await using var bot = await TestBot.StartAsync();

        var result = await bot.RunAsync($"{name} {ValidArguments[name]}", TestBot.Viewer("fr"));

        Assert.Equal(CommandOutcome.Denied, result.Outcome);
        Assert.Equal($"Seuls les admins peuvent lancer « {name} ».", result.Reply.Title);
    }

    [Theory]
    [MemberData(nameof(ReadCommands))]
    public async Task DispatchText_ReadCommandByViewer_Answered(string name)
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RunAsync("incident open streaming major Down");
        var arguments = name == "incident show" ? " 1" : "";

        var result = await bot.RunAsync(name + arguments, TestBot.Viewer());

        Assert.Equal(CommandOutcome.Answered, result.Outcome);
        Assert.NotEqual(Replies.Severity.Error, result.Reply.Severity);
    }

    [Fact]
    public async Task AskAsync_ViewerAsksQuestion_Answered()
    {
        await using var bot = await TestBot.StartAsync();

        var result = await bot.AskAsync("is streaming down?", TestBot.Viewer());

        Assert.Equal(CommandOutcome.Answered, result!.Outcome);
    }
}
