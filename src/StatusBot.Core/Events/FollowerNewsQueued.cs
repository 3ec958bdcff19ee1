using StatusBot.Core.Domain;

namespace StatusBot.Core.Events;

/// <summary>
/// A change of an incident is owed to its followers: one event per change, whatever the number of followers. The reducer
/// takes the audience from the follows at this point of the journal (every follower for a resolution, else those who want
/// every change), so a replay derives the same audience. The news is the timeline entries [<see cref="From"/>,
/// <see cref="Version"/>).
/// </summary>
public sealed record FollowerNewsQueued(Actor Actor, DateTimeOffset At, string FanOutId, string IncidentId, int From, int Version, bool Resolution) : BoardEvent(Actor, At);
