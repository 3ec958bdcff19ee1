using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using StatusBot.Core.State;
using StatusBot.Host.Configuration;

namespace StatusBot.Host.Web.Http;

/// <summary>
/// The version of what the read routes show, for their <c>ETag</c> and <c>Last-Modified</c>: the board state's sequence
/// number, a fingerprint of the configuration that shapes the answer (page name, public URL, the services' names and
/// order), and the last moment the clock alone changed it. Answers are rendered from these, so equal versions mean the
/// same answer.
/// </summary>
public sealed class ContentVersion(TimeProvider time)
{
    private Seen? _seen;

    /// <summary>
    /// For the Statuspage JSON and the feed, the clock changes the answer only when a maintenance window starts or ends
    /// (its status and its steps); before the board's first start, every minute (a creation time is "now").
    /// </summary>
    public static DateTimeOffset ClockStep(BoardState state, DateTimeOffset now)
    {
        if (state.Epoch is null)
        {
            return Minute(now);
        }

        var step = DateTimeOffset.MinValue;
        foreach (var m in state.Announcements.Maintenances.Values)
        {
            if (m.End <= now && m.End > step)
            {
                step = m.End;
            }
            else if (m.Start <= now && m.Start > step)
            {
                step = m.Start;
            }
        }

        return step;
    }

    /// <summary>The pages say "20 minutes ago" and "updated 13:31": they change every minute.</summary>
    public static DateTimeOffset Minute(DateTimeOffset now) => new(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    /// <summary>A weak entity tag (the same for the compressed and plain forms): version, clock step and the variant's words.</summary>
    public string ETag(BoardState state, WebOptions web, DateTimeOffset clockStep, string variant) =>
        string.Create(CultureInfo.InvariantCulture, $"W/\"{state.Sequence}-{Fingerprint(state, web)}-{clockStep.UtcTicks / TimeSpan.TicksPerSecond:x}{variant}\"");

    /// <summary>
    /// No earlier than the change: when this process first answered from this version (it cannot know the commit's own
    /// time across restarts), or the clock step if that is later.
    /// </summary>
    public DateTimeOffset LastModified(BoardState state, DateTimeOffset clockStep)
    {
        var seen = Volatile.Read(ref _seen);
        if (seen is null || seen.Sequence != state.Sequence)
        {
            seen = new Seen(state.Sequence, time.GetUtcNow());
            Volatile.Write(ref _seen, seen);
        }

        var at = seen.At > clockStep ? seen.At : clockStep;
        return new DateTimeOffset(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    private static string Fingerprint(BoardState state, WebOptions web)
    {
        var text = new StringBuilder().Append(web.PageName).Append('\n').Append(web.PublicUrl);
        foreach (var service in state.OrderedServices)
        {
            text.Append('\n').Append(service.Id).Append('\t').Append(service.Name).Append('\t').Append(service.Definition.Group);
        }

        foreach (var upstream in state.Upstreams.Values.OrderBy(u => u.Id, StringComparer.Ordinal))
        {
            text.Append('\n').Append(upstream.Id).Append('\t').Append(upstream.Name);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())), 0, 4);
    }

    private sealed record Seen(long Sequence, DateTimeOffset At);
}
