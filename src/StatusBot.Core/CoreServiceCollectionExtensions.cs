using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StatusBot.Core.Announcing;
using StatusBot.Core.Board;
using StatusBot.Core.Chat;
using StatusBot.Core.Commands;
using StatusBot.Core.Commands.Handlers;
using StatusBot.Core.Crowd;
using StatusBot.Core.Questions;

namespace StatusBot.Core;

/// <summary>Registers the board, the command handlers and the chat pipeline every platform enters.</summary>
public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds StatusBot's core. The store defaults to <see cref="InMemoryEventStore"/>; a storage project replaces it.
    /// <paramref name="settings"/> defaults to <see cref="CommandSettings.Default"/>. The per-user rate limit is off
    /// unless a <see cref="RateLimitSettings"/> is registered first (serve and chat register the configured one).
    /// </summary>
    public static IServiceCollection AddStatusBotCore(this IServiceCollection services, CommandSettings? settings = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IEventStore, InMemoryEventStore>();
        services.TryAddSingleton<ILeadership, SoleLeadership>();
        services.TryAddSingleton<IDeliveryLedger, LocalDeliveryLedger>();
        services.TryAddSingleton<LocalReplayLedger>();
        services.TryAddSingleton<IReplayLedger>(sp => sp.GetRequiredService<LocalReplayLedger>());
        services.TryAddSingleton(settings ?? CommandSettings.Default);
        services.TryAddSingleton(RateLimitSettings.Off);
        services.TryAddSingleton(CrowdSettings.Default);
        services.AddSingleton<CrowdWatch>();
        services.AddSingleton<CommandRateLimiter>();
        services.AddSingleton<StatusBoard>();
        services.AddSingleton<CommandDispatcher>();
        services.AddSingleton<ConversationRouter>();
        services.AddSingleton<ReadCache>();
        services.TryAddSingleton<ChatDeferrals>();
        services.TryAddSingleton(MentionReplySettings.Default);
        services.TryAddSingleton<MentionReplyPlanner>();
        services.AddHostedService(sp => sp.GetRequiredService<ChatDeferrals>());
        services.AddSingleton(sp => new ChatPipeline(
            sp.GetRequiredService<CommandDispatcher>(),
            sp.GetRequiredService<ConversationRouter>(),
            sp.GetRequiredService<ReadCache>(),
            sp.GetRequiredService<StatusBoard>(),
            sp.GetRequiredService<ChatDeferrals>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<CrowdWatch>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ChatPipeline>>()));

        services.AddSingleton<ICommandHandler, StatusHandler>();
        services.AddSingleton<ICommandHandler, WhyHandler>();
        services.AddSingleton<ICommandHandler, HistoryHandler>();
        services.AddSingleton<ICommandHandler, UptimeHandler>();
        services.AddSingleton<ICommandHandler, FollowHandler>();
        services.AddSingleton<ICommandHandler, UnfollowHandler>();
        services.AddSingleton<ICommandHandler, FollowingHandler>();
        services.AddSingleton<ICommandHandler, IncidentListHandler>();
        services.AddSingleton<ICommandHandler, IncidentShowHandler>();
        services.AddSingleton<ICommandHandler, OpenIncidentHandler>();
        services.AddSingleton<ICommandHandler, UpdateIncidentHandler>();
        services.AddSingleton<ICommandHandler, CauseIncidentHandler>();
        services.AddSingleton<ICommandHandler, ResolveIncidentHandler>();
        services.AddSingleton<ICommandHandler, ApologizeIncidentHandler>();
        services.AddSingleton<ICommandHandler, PostmortemHandler>();
        services.AddSingleton<ICommandHandler, SetServiceHandler>();
        services.AddSingleton<ICommandHandler, ChannelSubscribeHandler>();
        services.AddSingleton<ICommandHandler, ChannelUnsubscribeHandler>();
        services.AddSingleton<ICommandHandler, ChannelLocaleHandler>();
        services.AddSingleton<ICommandHandler, MaintenanceScheduleHandler>();
        services.AddSingleton<ICommandHandler, MaintenanceListHandler>();
        services.AddSingleton<ICommandHandler, MaintenanceCancelHandler>();
        services.AddSingleton<ICommandHandler, PublishApproveHandler>();
        services.AddSingleton<ICommandHandler, PublishSkipHandler>();
        services.AddSingleton<ICommandHandler, PublishEditHandler>();
        services.AddSingleton<ICommandHandler, HelpHandler>();
        return services;
    }
}
