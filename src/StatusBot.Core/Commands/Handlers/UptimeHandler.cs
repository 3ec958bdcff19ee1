using System.Globalization;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>Handles <c>uptime [service] [days]</c>: availability over the window, from the recorded status transitions.</summary>
public sealed class UptimeHandler(TimeProvider time) : IQueryHandler
{
    private const int DefaultDays = 30;

    public CommandSpec Spec => Catalog.Uptime;

    public Reply Answer(BoardState state, ChatCommand command)
    {
        var l = Localizer.For(command.Culture);
        var now = time.GetUtcNow();
        var days = (int)(command.Integer("days") ?? DefaultDays);
        var from = now.AddDays(-days);
        var services = command.Text("service") is { } id ? [state.Services[id]] : state.OrderedServices.ToList();
        var lines = services.Select(s => Line(s, Uptime.Compute(s.History, state.Epoch, from, now), l)).ToList();
        return new Reply
        {
            Title = l.Format(nameof(Strings.Uptime_Title), days),
            Lines = [.. lines],
            Footer = l[nameof(Strings.Uptime_Footer)],
            Timestamp = now,
        };
    }

    private static string Line(ServiceState service, Uptime uptime, Localizer l)
    {
        if (uptime.Observed <= TimeSpan.Zero)
        {
            return l.Format(nameof(Strings.Uptime_NoData), service.Name);
        }

        var line = l.Format(nameof(Strings.Uptime_Line), service.Name, Percent(uptime.Ratio, l.Culture), l.Duration(uptime.Down));
        return uptime.Unknown > TimeSpan.FromMinutes(1) ? line + " · " + l.Format(nameof(Strings.Uptime_Unknown), l.Duration(uptime.Unknown)) : line;
    }

    /// <summary>Two decimals, truncated rather than rounded, so a short outage never shows as 100.00%.</summary>
    private static string Percent(double ratio, CultureInfo culture)
    {
        var value = (Math.Floor(ratio * 10_000) / 100).ToString("0.00", culture);

        // French, German and Spanish typography put a (non-breaking) space before the percent sign.
        return Localizer.For(culture).PercentSign(value);
    }
}
