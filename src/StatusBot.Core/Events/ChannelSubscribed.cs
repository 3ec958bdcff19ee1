using System.Collections.Immutable;
using StatusBot.Core.Announcing;
using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>A channel subscribed to announcements (from chat or from the configuration).</summary>
public sealed record ChannelSubscribed(Actor Actor, DateTimeOffset At, ChannelRef Channel, ImmutableArray<string> Services, string Locale) : BoardEvent(Actor, At);
