using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusBot.Core.Announcing;
using StatusBot.Core.Board;
using StatusBot.Core.Chat;
using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.Replies;
using StatusBot.Core.Text;
using StatusBot.Discord.Rendering;
using StatusBot.Discord.Rest;
using StatusBot.Discord.Wire;

namespace StatusBot.Discord.Interactions;

/// <summary>
/// Answers one verified interaction, whether it came over HTTP or the gateway: PING, autocomplete, slash commands, which
/// go to the chat pipeline as typed commands, and button presses, which go to it as the command text the button carries
/// (<see cref="ReplyAction"/>) and are answered to the presser alone; an answer not ready within
/// <see cref="DiscordOptions.DeferAfterMilliseconds"/> is deferred and finished by editing <c>@original</c>.
/// </summary>
internal sealed partial class InteractionHandler(
    ChatPipeline pipeline,
    StatusBoard board,
    DiscordAdmins admins,
    IDiscordInteractionClient followUps,
    IOptions<DiscordOptions> options,
    ILogger<InteractionHandler> logger)
{
    public const string Platform = "discord";

    private const int Ping = 1;
    private const int ApplicationCommand = 2;
    private const int MessageComponent = 3;
    private const int Autocomplete = 4;

    // An answer reused by the pipeline's read cache is the same result object: it is rendered once, not once per request.
    private static readonly ConditionalWeakTable<DispatchResult, InteractionResponse> Rendered = [];
    private static readonly ConditionalWeakTable<DispatchResult, InteractionResponse> RenderedForPresser = [];

    private static readonly InteractionResponse Deferred = new(
        InteractionResponse.DeferredChannelMessage,
        new InteractionCallbackData { Flags = InteractionCallbackData.Ephemeral });

    private readonly TimeSpan _budget = TimeSpan.FromMilliseconds(Math.Max(0, options.Value.DeferAfterMilliseconds));

    /// <summary>The response, or null when the payload is not an interaction we can answer (the endpoint says 400).</summary>
    public async ValueTask<InteractionResponse?> HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        if (interaction.Type == Ping)
        {
            return new InteractionResponse(InteractionResponse.Pong);
        }

        if (interaction.Data is null || CallerOf(interaction) is not { } caller)
        {
            return null;
        }

        if (interaction.Type == MessageComponent)
        {
            return await PressAsync(interaction, caller, cancellationToken);
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

    private async ValueTask<InteractionResponse> CommandAsync(Interaction interaction, Invocation invocation, Caller caller, CancellationToken cancellationToken)
    {
        if (DiscordCommandMap.Find(invocation) is not { } spec)
        {
            return Message(CommandErrors.ToReply(DiscordCommandMap.NotFound(invocation), Localizer.For(caller.Culture)));
        }

        var request = new ChatRequest(caller, ChatInput.Command(CommandInput.Of(spec, invocation.Options))) { Budget = _budget };
        var answer = await pipeline.HandleAsync(request, new OriginalMessageSink(this, interaction), cancellationToken);
        if (answer.Deferred)
        {
            LogDeferred(logger, spec.Name, interaction.Id);
            return Deferred;
        }

        return Render(answer.Result!);
    }

    /// <summary>A button of ours: its command runs as the presser; the answer is for the presser alone.</summary>
    private async ValueTask<InteractionResponse> PressAsync(Interaction interaction, Caller caller, CancellationToken cancellationToken)
    {
        if (ReplyAction.PressedCommand(interaction.Data!.CustomId) is not { } command)
        {
            var stale = Reply.Error(Localizer.For(caller.Culture)[nameof(Strings.Chat_ButtonUnknown)]);
            return new InteractionResponse(InteractionResponse.ChannelMessage, DiscordRenderer.ToCallbackData(stale, ephemeral: true));
        }

        var request = new ChatRequest(caller, ChatInput.CommandText(command)) { Budget = _budget };
        var answer = await pipeline.HandleAsync(request, new OriginalMessageSink(this, interaction), cancellationToken);
        if (answer.Deferred)
        {
            LogDeferred(logger, command, interaction.Id);
            return Deferred;
        }

        return RenderedForPresser.GetValue(answer.Result!, r =>
            new InteractionResponse(InteractionResponse.ChannelMessage, DiscordRenderer.ToCallbackData(r.Reply, r.ForAdmin, ephemeral: true)));
    }

    private static InteractionResponse Render(DispatchResult result) =>
        Rendered.GetValue(result, r => new InteractionResponse(InteractionResponse.ChannelMessage, DiscordRenderer.ToCallbackData(r.Reply, r.ForAdmin)));

    private async Task FinishAsync(Interaction interaction, DispatchResult result, CancellationToken cancellationToken)
    {
        var payload = new MessagePayload { Embeds = [DiscordRenderer.ToEmbed(result.Reply)], Components = DiscordRenderer.ToComponents(result.Reply, result.ForAdmin) };
        var sent = await followUps.EditOriginalAsync(interaction.ApplicationId ?? options.Value.ApplicationId ?? "", interaction.Token ?? "", payload, cancellationToken);
        if (!sent.IsSuccess)
        {
            LogFollowUpFailed(logger, interaction.Id, (int)sent.Status);
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

    private static InteractionResponse Message(Reply reply) =>
        new(InteractionResponse.ChannelMessage, DiscordRenderer.ToCallbackData(reply));

    /// <summary>A late answer replaces the deferred "thinking" message (<c>PATCH …/messages/@original</c>).</summary>
    private sealed class OriginalMessageSink(InteractionHandler handler, Interaction interaction) : IReplySink
    {
        public Task SendAsync(DispatchResult result, CancellationToken cancellationToken) => handler.FinishAsync(interaction, result, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deferred {Command} (interaction {InteractionId})")]
    private static partial void LogDeferred(ILogger logger, string command, string? interactionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not finish deferred interaction {InteractionId}: HTTP {Status}")]
    private static partial void LogFollowUpFailed(ILogger logger, string? interactionId, int status);
}
