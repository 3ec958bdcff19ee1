using System.Text.Json;
using Microsoft.Extensions.Options;
using StatusBot.Discord.Rest;
using StatusBot.Discord.Wire;

namespace StatusBot.Discord.Registration;

/// <summary>
/// <c>statusbot discord register [--guild ID]</c>: replaces the application's commands (global, or one guild's, which
/// update at once) with the ones generated from the catalog, and says what changed.
/// </summary>
public sealed class CommandRegistrar
{
    private readonly DiscordRestClient _rest;
    private readonly DiscordOptions _options;

    internal CommandRegistrar(DiscordRestClient rest, IOptions<DiscordOptions> options)
    {
        _rest = rest;
        _options = options.Value;
    }

    /// <summary>Returns the process exit code: 0 when registered, 2 for a configuration problem, 1 when Discord refused.</summary>
    public async Task<int> RegisterAsync(string? guildId, TextWriter output, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(_options.ApplicationId) || string.IsNullOrWhiteSpace(_options.BotToken))
        {
            await output.WriteLineAsync("Set StatusBot:Discord:ApplicationId and StatusBot:Discord:BotToken (env StatusBot__Discord__ApplicationId, StatusBot__Discord__BotToken) first.");
            return 2;
        }

        if (guildId is not null && (guildId.Length is 0 or > 20 || !guildId.All(char.IsAsciiDigit)))
        {
            await output.WriteLineAsync($"--guild must be a numeric guild id (was '{guildId}').");
            return 2;
        }

        var wanted = CommandDefinitions.Build();
        var current = await _rest.GetCommandsAsync(_options.ApplicationId, guildId, cancellationToken);
        if (!current.IsSuccess)
        {
            await output.WriteLineAsync($"Discord refused to list the commands: HTTP {(int)current.Status} {current.Error}");
            return 1;
        }

        var put = await _rest.OverwriteCommandsAsync(_options.ApplicationId, guildId, wanted, cancellationToken);
        if (!put.IsSuccess)
        {
            await output.WriteLineAsync($"Discord refused the commands: HTTP {(int)put.Status} {put.Error}");
            return 1;
        }

        var where = guildId is null ? "globally (Discord may take a while to show them)" : $"in guild {guildId}";
        await output.WriteLineAsync($"Registered {wanted.Count} commands {where}.");
        foreach (var line in Changes(current.Value ?? [], wanted))
        {
            await output.WriteLineAsync("  " + line);
        }

        return 0;
    }

    /// <summary>"added /x", "changed /y", "removed /z", "unchanged /w", comparing what matters (not ids or versions).</summary>
    internal static IEnumerable<string> Changes(IReadOnlyList<ApplicationCommand> before, IReadOnlyList<ApplicationCommand> after)
    {
        var old = before.ToDictionary(c => c.Name, Canonical, StringComparer.Ordinal);
        foreach (var command in after)
        {
            yield return !old.TryGetValue(command.Name, out var was) ? $"added /{command.Name}"
                : was == Canonical(command) ? $"unchanged /{command.Name}"
                : $"changed /{command.Name}";
        }

        foreach (var name in old.Keys.Where(n => after.All(c => c.Name != n)))
        {
            yield return $"removed /{name}";
        }
    }

    private static string Canonical(ApplicationCommand command) =>
        JsonSerializer.Serialize([command with { Id = null }], DiscordJsonContext.Default.ListApplicationCommand);
}
