using Microsoft.Extensions.DependencyInjection;
using StatusBot.Discord.Registration;
using StatusBot.Discord.Tests.Support;
using StatusBot.Testing.Discord;

namespace StatusBot.Discord.Tests.Registration;

public sealed class CommandRegistrarTests : IAsyncLifetime
{
    private DiscordTestApp _app = null!;

    public async Task InitializeAsync() => _app = await DiscordTestApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task RegisterAsync_Guild_OverwritesTheGuildsCommandsAndSaysWhatWasAdded()
    {
        var output = new StringWriter();

        var code = await _app.Services.GetRequiredService<CommandRegistrar>().RegisterAsync(DiscordPayloads.GuildId, output, CancellationToken.None);

        Assert.Equal(0, code);
        Assert.Contains("added /incident", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(CommandDefinitions.Build().Count, _app.Emulator.CommandsOf(DiscordPayloads.GuildId)!.Count);
        Assert.Null(_app.Emulator.CommandsOf(null));
        var put = Assert.Single(_app.Emulator.Requests, r => r.Method == "PUT");
        Assert.Equal("Bot " + DiscordEmulator.BotToken, put.Authorization);
        Assert.StartsWith("DiscordBot (", put.UserAgent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterAsync_Twice_ReportsEverythingUnchanged()
    {
        var registrar = _app.Services.GetRequiredService<CommandRegistrar>();
        await registrar.RegisterAsync(null, TextWriter.Null, CancellationToken.None);
        var output = new StringWriter();

        await registrar.RegisterAsync(null, output, CancellationToken.None);

        Assert.DoesNotContain("added", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("  changed", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("unchanged /status", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterAsync_BadGuildId_RefusesWithoutCallingDiscord()
    {
        var output = new StringWriter();

        var code = await _app.Services.GetRequiredService<CommandRegistrar>().RegisterAsync("../../x", output, CancellationToken.None);

        Assert.Equal(2, code);
        Assert.Empty(_app.Emulator.Requests);
    }

    [Fact]
    public void Changes_RenamedCommand_IsRemovedAndAdded()
    {
        var before = CommandDefinitions.Build();
        var after = CommandDefinitions.Build().Select(c => c.Name == "why" ? c with { Name = "because" } : c).ToList();

        var changes = CommandRegistrar.Changes(before, after).ToList();

        Assert.Contains("added /because", changes);
        Assert.Contains("removed /why", changes);
    }
}
