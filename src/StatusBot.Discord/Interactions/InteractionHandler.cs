using StatusBot.Core.Announcing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusBot.Core.Board;
using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.Replies;
using StatusBot.Core.Text;
using StatusBot.Discord.Rendering;
using StatusBot.Discord.Rest;
using StatusBot.Discord.Wire;

namespace StatusBot.Discord.Interactions;

/// <summary>
/// Answers one verified interaction, whether it came over HTTP or the gateway: PING, slash commands (deferred when the
/// work is slow, then finished by editing <c>@original</c>) and autocomplete.
/// </summary>
internal sealed partial class InteractionHandler(
    CommandDispatcher dispatcher,
    StatusBoard board,
    DiscordAdmins admins,
    IDiscordInteractionClient followUps,
    DeferredWork deferred,
    ReadReplyCache cache,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<InteractionHandler> logger)
{
    public const string Platform = "discord";

    private const int Ping = 1;
    private const int ApplicationCommand = 2;
    private const int Autocomplete = 4;

    /// <summary>The response, or null when the payload is not an interaction we can answer (the endpoint says 400).</summary>
    public async Task<InteractionResponse?> HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        if (interaction.Type == Ping)
        {
            return new InteractionResponse(InteractionResponse.Pong);
        }

        if (interaction.Data is null || CallerOf(interaction) is not { } caller)
        {
            return null;
        }

        var invocation = Invocation.From(interaction.Data);
        return interaction.Type switch
        {
            ApplicationCommand => await CommandAsync(interaction, invocation, caller, cancellationToken),
            Autocomplete => new InteractionResponse(
                InteractionResponse.AutocompleteResult,
                new InteractionCallbackData { Choices = Autocompleter.Suggest(invocation, board.Current) }),
            _ => Message(CommandErrors.ToReply(DiscordCommandMap.NotFound(invocation), Localizer.For(caller.Culture))),
        };
    }

    private async Task<InteractionResponse> CommandAsync(Interaction interaction, Invocation invocation, Caller caller, CancellationToken cancellationToken)
    {
        var l = Localizer.For(caller.Culture);
        if (DiscordCommandMap.Find(invocation) is not { } spec)
        {
            return Message(CommandErrors.ToReply(DiscordCommandMap.NotFound(invocation), l));
        }

        var state = board.Current;
        var key = spec.Mutates ? null : CacheKey(spec, invocation, caller);
        if (key is not null && cache.TryGet(key, state) is { } cached)
        {
            // A cached answer still counts against the caller's rate limit.
            return dispatcher.TryAdmit(caller, out var limited) ? cached : Message(limited.Reply);
        }

        // The work is not tied to the HTTP request: once deferred, it must finish even though the request has ended.
        var work = RunAsync(spec, invocation, caller, deferred.Stopping);
        if (work.IsCompleted)
        {
            var answer = Message(await work);
            if (key is not null)
            {
                cache.Set(key, state, answer);
            }

            return answer;
        }

        // A budget of 0 defers whatever is not done at once, rather than racing a timer that is due already.
        if (options.Value.DeferAfterMilliseconds > 0)
        {
            var budget = Task.Delay(TimeSpan.FromMilliseconds(options.Value.DeferAfterMilliseconds), time, cancellationToken);
            if (await Task.WhenAny(work, budget) == work)
            {
                return Message(await work);
            }
        }

        LogDeferred(logger, spec.Name, interaction.Id);
        deferred.Track(FinishAsync(interaction, work));
        return new InteractionResponse(
            InteractionResponse.DeferredChannelMessage,
            new InteractionCallbackData { Flags = InteractionCallbackData.Ephemeral });
    }

    private async Task<Reply> RunAsync(CommandSpec spec, Invocation invocation, Caller caller, CancellationToken cancellationToken)
    {
        try
        {
            var result = await dispatcher.DispatchAsync(CommandInput.Of(spec, invocation.Options), caller, cancellationToken);
            return result.Reply;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var reference = Guid.NewGuid().ToString("N")[..8];
            LogFailed(logger, ex, spec.Name, reference);
            return Reply.Error(Localizer.For(caller.Culture).Format(nameof(Strings.Error_Internal), reference));
        }
    }

    private async Task FinishAsync(Interaction interaction, Task<Reply> work)
    {
        var reply = await work;
        var payload = new MessagePayload { Embeds = [DiscordRenderer.ToEmbed(reply)] };
        var result = await followUps.EditOriginalAsync(interaction.ApplicationId ?? options.Value.ApplicationId ?? "", interaction.Token ?? "", payload, deferred.Stopping);
        if (!result.IsSuccess)
        {
            LogFollowUpFailed(logger, interaction.Id, (int)result.Status);
        }
    }

    private Caller? CallerOf(Interaction interaction)
    {
        var user = interaction.Member?.User ?? interaction.User;
        if (string.IsNullOrEmpty(user?.Id))
        {
            return null;
        }

        var name = interaction.Member?.Nick ?? user.GlobalName ?? user.Username ?? user.Id;
        var actor = new Actor(Platform, user.Id, name);
        var channel = interaction.ChannelId is { Length: > 0 } id ? new ChannelRef(Platform, id, interaction.GuildId) : null;
        return new Caller(actor, admins.IsAdmin(interaction.Member, interaction.User), Locales.Resolve(interaction.Locale ?? interaction.GuildLocale), channel);
    }

    private static string CacheKey(CommandSpec spec, Invocation invocation, Caller caller) =>
        string.Join(
            '\u0001',
            new[] { spec.Name, caller.Culture.Name, caller.IsAdmin ? "a" : "v" }
                .Concat(invocation.Options.OrderBy(o => o.Key, StringComparer.OrdinalIgnoreCase).SelectMany(o => new[] { o.Key.ToLowerInvariant(), o.Value })));

    private static InteractionResponse Message(Reply reply) =>
        new(InteractionResponse.ChannelMessage, DiscordRenderer.ToCallbackData(reply));

    [LoggerMessage(Level = LogLevel.Information, Message = "Deferred {Command} (interaction {InteractionId})")]
    private static partial void LogDeferred(ILogger logger, string command, string? interactionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord command {Command} failed (ref {Reference})")]
    private static partial void LogFailed(ILogger logger, Exception exception, string command, string reference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not finish deferred interaction {InteractionId}: HTTP {Status}")]
    private static partial void LogFollowUpFailed(ILogger logger, string? interactionId, int status);
}
