using StatusBot.Core.Domain;
using StatusBot.Core.Following;

namespace StatusBot.Core.Events;

/// <summary>
/// Someone follows a service (<see cref="Follow.EveryService"/> for all of them) by direct message, for every change or
/// only for the resolution, in <see cref="Locale"/>. Following the same service again replaces the earlier choice.
/// </summary>
public sealed record ServiceFollowed(Actor Actor, DateTimeOffset At, DirectRecipient Recipient, string ServiceId, bool ResolvedOnly, string Locale) : BoardEvent(Actor, At);
