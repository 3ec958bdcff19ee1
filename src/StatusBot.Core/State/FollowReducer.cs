using StatusBot.Core.Events;
using StatusBot.Core.Following;

namespace StatusBot.Core.State;

/// <summary>The reducer cases of follows and follower fan-outs; null for any other event.</summary>
public static class FollowReducer
{
    public static BoardState? TryApply(BoardState state, BoardEvent e)
    {
        var f = state.Following;
        FollowState? next = e switch
        {
            ServiceFollowed s => f with
            {
                Follows = f.Follows.SetItem(
                    FollowKeys.Of(s.Recipient.Key, s.ServiceId),
                    new Follow(s.Recipient, s.ServiceId, s.ResolvedOnly, s.Locale, f.Follows.GetValueOrDefault(FollowKeys.Of(s.Recipient.Key, s.ServiceId))?.Since ?? s.At)),
            },
            ServiceUnfollowed u => f with
            {
                Follows = u.ServiceId is { } service
                    ? f.Follows.Remove(FollowKeys.Of(u.RecipientKey, service))
                    : f.Follows.RemoveRange(f.Follows.Where(p => p.Value.Recipient.Key == u.RecipientKey).Select(p => p.Key)),
            },
            FollowerNewsQueued q => Queue(state, f, q),
            FollowerNewsSettled s => f with { FanOuts = f.FanOuts.Remove(s.FanOutId) },
            _ => null,
        };
        return next is null ? null : state with { Following = next };
    }

    private static FollowState Queue(BoardState state, FollowState f, FollowerNewsQueued q)
    {
        var told = f.Told.SetItem(q.IncidentId, Math.Max(q.Version, f.Told.GetValueOrDefault(q.IncidentId)));
        if (state.FindIncident(q.IncidentId) is not { } incident)
        {
            return f with { Told = told };
        }

        // Only those who followed by the time of the news: a follow is not told what happened before it.
        var newest = FollowerNews.Newest(incident, q.From, q.Version) ?? q.At;
        var audience = f.Audience(incident.Services.Select(s => s.ServiceId), q.Resolution, newest);
        var fanOut = new FanOut(q.FanOutId, q.IncidentId, q.From, q.Version, q.Resolution, q.At, audience);
        return f with { Told = told, FanOuts = audience.IsEmpty ? f.FanOuts : f.FanOuts.SetItem(q.FanOutId, fanOut) };
    }
}
