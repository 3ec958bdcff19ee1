using StatusBot.Core.Announcing;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Announcing;

/// <summary>
/// Reports to admins: when a channel is disabled (the platform answered 403/404, <c>not_in_channel</c>, archived…), and when
/// an open incident's services have kept failing for <c>Monitoring:UpstreamSilenceMinutes</c> while an upstream they depend
/// on reports no problem, and when many more people than usual ask about a service with no open incident (a journaled
/// <see cref="CrowdSurged"/>), a notice goes to the configured admin channel (<c>Announcements:AdminChannel</c>) through the
/// outbox like any announcement, so it survives a restart and is posted once. Subjects <c>gone:&lt;channel key&gt;</c>,
/// <c>silent:&lt;incident&gt;:&lt;upstream&gt;</c> and <c>crowd:&lt;service&gt;@&lt;time&gt;</c> (<see cref="NoticeSubjects"/>), version 1; the admin channel needs no
/// subscription and receives nothing else from this path.
/// </summary>
public static class AdminNotices
{
    /// <summary>The admin channel as a subscription the sender can post to, or null when none is configured.</summary>
    public static ChannelSubscription? AdminChannel(ChannelOptions? options) =>
        options is { Platform.Length: > 0, ChannelId.Length: > 0 }
            ? new ChannelSubscription(new ChannelRef(options.Platform.ToLowerInvariant(), options.ChannelId, options.WorkspaceId), [], Locales.Code(Locales.Resolve(options.Locale)))
            : null;

    /// <summary>
    /// A notice for every disabled channel the admin channel has not been told about (nor has pending). Each disabling has
    /// a notice id of its own (<see cref="NoticeSubjects.GoneId"/>), so each is told once; a card the board still holds
    /// from an older journal counts until a re-subscribe clears it (<see cref="AnnouncementReducer"/>).
    /// </summary>
    public static IReadOnlyList<BoardEvent> Queue(BoardState state, DeliveryBook deliveries, ChannelSubscription? admin, DateTimeOffset now)
    {
        if (admin is null)
        {
            return [];
        }

        var a = state.Announcements;
        var silences = state.OpenIncidents
            .SelectMany(i => i.Evidence.Where(e => e.SilenceNotedAt is not null).Select(e => NoticeSubjects.Silent(i.Id, e.UpstreamId)))
            .Select(subject => (Subject: subject, Id: subject + "/1"));
        var crowds = a.Crowds.Values.Select(NoticeSubjects.Crowd).Select(subject => (Subject: subject, Id: subject + "/1"));
        var webhooks = state.Webhooks.Endpoints.Values
            .Where(e => !e.IsActive)
            .Select(e => (Subject: NoticeSubjects.WebhookOff(e.Id), Id: NoticeSubjects.WebhookOffId(e)));
        return
        [
            .. a.Channels.Values
                .Where(c => !c.IsActive && c.Key != admin.Key)
                .Select(c => (Subject: NoticeSubjects.Gone(c.Key), Id: NoticeSubjects.GoneId(c)))
                .Concat(silences)
                .Concat(crowds)
                .Concat(webhooks)
                .Where(n => a.CardOf(n.Subject, admin.Key) is null && !deliveries.IsSettled(n.Subject, admin.Key, n.Id) && deliveries.PendingOf(a, n.Subject, admin.Key) is null)
                .Select(n => new AnnouncementQueued(Actor.System, now, n.Id, admin.Key, n.Subject, 1)),
        ];
    }

    /// <summary>The notice: which channel, what the platform said, and how to bring it back; or which upstream stays silent.</summary>
    public static Reply? Render(string subject, BoardState state, Localizer l, DateTimeOffset now, PostTemplates templates)
    {
        if (NoticeSubjects.ParseSilent(subject) is { } silent)
        {
            return Silence(silent.IncidentId, silent.UpstreamId, state, l, now, templates);
        }

        if (NoticeSubjects.ParseCrowd(subject) is { } crowd)
        {
            return Crowd(crowd.ServiceId, crowd.AtMilliseconds, state, l, now, templates);
        }

        if (subject.StartsWith(NoticeSubjects.WebhookOffPrefix, StringComparison.Ordinal))
        {
            return WebhookOff(subject[NoticeSubjects.WebhookOffPrefix.Length..], state, l, now, templates);
        }

        var key = subject[NoticeSubjects.GonePrefix.Length..];
        if (!state.Announcements.Channels.TryGetValue(key, out var channel) || channel.IsActive)
        {
            return null;
        }

        var lines = templates.Lines(PostKind.AdminChannelGone, l, now, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["channel"] = key,
            ["reason"] = channel.DisabledReason,
        });
        return Notice(lines, now);
    }

    /// <summary>"AWS ELB us-east-1 still reports no problem": the incident, its services, and how long they have failed.</summary>
    private static Reply? Silence(string incidentId, string upstreamId, BoardState state, Localizer l, DateTimeOffset now, PostTemplates templates)
    {
        if (state.FindIncident(incidentId) is not { } incident || incident.EvidenceFor(upstreamId) is not { SilenceNotedAt: { } noted } evidence)
        {
            return null;
        }

        var name = state.Upstreams.TryGetValue(upstreamId, out var upstream) ? upstream.Name : upstreamId;
        var lines = templates.Lines(PostKind.AdminUpstreamSilent, l, now, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = incident.Id,
            ["upstream"] = name,
            ["services"] = l.List(incident.StillAffected.Select(a => state.ServiceName(a.ServiceId))),
            ["duration"] = l.Duration(noted - evidence.ChecksFailedAt),
        });
        return Notice(lines, now);
    }

    /// <summary>
    /// "37 people asked about Streaming in 5 minutes; no incident is open", with an <b>Open incident</b> button only admins may
    /// press: the crowd never opens one by itself. Null when a later surge of the same service replaced this one.
    /// </summary>
    private static Reply? Crowd(string serviceId, long atMilliseconds, BoardState state, Localizer l, DateTimeOffset now, PostTemplates templates)
    {
        if (!state.Announcements.Crowds.TryGetValue(serviceId, out var surge) || surge.At.ToUnixTimeMilliseconds() != atMilliseconds)
        {
            return null;
        }

        var lines = templates.Lines(PostKind.AdminCrowd, l, now, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["service"] = state.ServiceName(serviceId),
            ["askers"] = surge.Askers,
            ["usual"] = (long)Math.Round(surge.Usual),
            ["window"] = l.Duration(TimeSpan.FromSeconds(surge.WindowSeconds)),
        });
        return Notice(lines, now) with { Actions = OpenIncident(serviceId, l) is { } open ? [open] : [] };
    }

    /// <summary>
    /// The button: <c>incident open &lt;service&gt; major "Reports from users"</c>, run as the presser through the chat pipeline,
    /// so a viewer's press is refused. A command longer than a button may carry falls back to the English title, then to none.
    /// </summary>
    internal static ReplyAction? OpenIncident(string serviceId, Localizer l)
    {
        foreach (var title in new[] { l[nameof(Strings.Crowd_IncidentTitle)], "Reports from users" })
        {
            var command = $"incident open {serviceId} major \"{title.Replace("\"", "", StringComparison.Ordinal)}\"";
            if (command.Length <= ReplyAction.MaxCommandLength)
            {
                return new ReplyAction("open:" + serviceId, l[nameof(Strings.Crowd_OpenIncident)], command, AdminOnly: true);
            }
        }

        return null;
    }

    /// <summary>"Webhooks stopped for an endpoint": which one, where, and the last error.</summary>
    private static Reply? WebhookOff(string endpointId, BoardState state, Localizer l, DateTimeOffset now, PostTemplates templates)
    {
        if (!state.Webhooks.Endpoints.TryGetValue(endpointId, out var endpoint) || endpoint.IsActive)
        {
            return null;
        }

        var lines = templates.Lines(PostKind.AdminWebhookDisabled, l, now, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["endpoint"] = endpoint.Id,
            ["url"] = endpoint.DisplayUrl,
            ["reason"] = endpoint.DisabledReason,
        });
        return Notice(lines, now);
    }

    /// <summary>A notice from its rendered template: the first line is the title.</summary>
    private static Reply Notice(IReadOnlyList<string> lines, DateTimeOffset now) => new()
    {
        Visibility = Visibility.Channel,
        Title = lines[0],
        Severity = Severity.Minor,
        Lines = [.. lines.Skip(1)],
        Timestamp = now,
    };
}
