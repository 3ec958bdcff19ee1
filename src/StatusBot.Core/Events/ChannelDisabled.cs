using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>The platform said a channel is gone or closed to the bot: nothing more is sent there.</summary>
public sealed record ChannelDisabled(Actor Actor, DateTimeOffset At, string ChannelKey, string Reason) : BoardEvent(Actor, At);
