using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StatusBot.Core.Board;
using StatusBot.Core.Chat;
using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.Events;
using StatusBot.Core.State;

namespace StatusBot.Core.Crowd;

/// <summary>
/// The crowd as a signal: how many distinct people asked about each service (a status or why command naming it, a
/// question about it in a mention, a DM or the console) within the sliding window, and how many usually do (an
/// exponentially weighted average over past windows). When the askers about a service with no open incident cross the
/// threshold, the crossing is journaled once (<see cref="CrowdSurged"/>), which owes the admins one notice. The counts
/// themselves live in memory only; the crowd never opens an incident.
/// </summary>
public sealed partial class CrowdWatch
{
    /// <summary>
    /// Distinct askers kept per service: beyond it the oldest sighting goes first, so memory stays bounded however many
    /// people ask (the count then reads this many, far above any threshold that makes sense).
    /// </summary>
    public const int MaxAskersPerService = 50_000;

    /// <summary>The weight of the latest window in the usual number of askers.</summary>
    private const double Smoothing = 0.2;

    private readonly ConcurrentDictionary<string, Tally> _tallies = new(StringComparer.Ordinal);
    private readonly StatusBoard _board;
    private readonly ChatDeferrals _deferrals;
    private readonly TimeProvider _time;
    private readonly ILogger<CrowdWatch> _logger;

    public CrowdWatch(CrowdSettings settings, StatusBoard board, ChatDeferrals deferrals, TimeProvider time, ILogger<CrowdWatch> logger)
    {
        Settings = settings;
        _board = board;
        _deferrals = deferrals;
        _time = time;
        _logger = logger;
    }

    public CrowdSettings Settings { get; }

    /// <summary>
    /// Counts <paramref name="actor"/> as asking about <paramref name="serviceId"/> (a configured service's id); one person
    /// counts once per window. Returns at once: a crossing is journaled in the background.
    /// </summary>
    public void Observe(string serviceId, Actor actor)
    {
        if (!Settings.IsOn || !_board.Current.Services.ContainsKey(serviceId))
        {
            return;
        }

        var tally = _tallies.GetOrAdd(serviceId, static (_, watch) => new Tally(watch._time.GetUtcNow() + watch.Settings.Window), this);
        var crossing = tally.Add(actor.Platform + "\n" + actor.UserId, _time.GetUtcNow(), Settings);
        if (crossing is { } c)
        {
            _deferrals.Track(RecordAsync(serviceId, c.Askers, c.Usual));
        }
    }

    /// <summary>
    /// Counts the caller when <paramref name="input"/> asks about one service: <c>status &lt;service&gt;</c> or
    /// <c>why &lt;service&gt;</c>, as text (a Slack command, a typed command in a mention) or typed (Discord's options).
    /// </summary>
    public void Observe(ChatInput input, Actor actor)
    {
        if (Settings.IsOn && AskedAbout(input, _board.Current) is { } serviceId)
        {
            Observe(serviceId, actor);
        }
    }

    /// <summary>The service a status or why command names, or null for any other input.</summary>
    public static string? AskedAbout(ChatInput input, BoardState state)
    {
        switch (input.Kind)
        {
            case ChatInputKind.Command when input.Typed is { } typed && (typed.Spec == Catalog.Status || typed.Spec == Catalog.Why):
                var named = typed.Named.TryGetValue("service", out var n) ? n
                    : typed.Values.TryGetValue("service", out var v) ? v as string
                    : typed.Positional.IsEmpty ? null : string.Join(' ', typed.Positional);
                return state.Index.Find(named);
            case ChatInputKind.CommandText or ChatInputKind.Message when input.Text is { } text:
                var words = text.AsSpan().Trim().TrimStart('/');
                var space = words.IndexOfAny(' ', '\t');
                if (space <= 0)
                {
                    return null;
                }

                var verb = words[..space];
                return verb.Equals("status", StringComparison.OrdinalIgnoreCase) || verb.Equals("why", StringComparison.OrdinalIgnoreCase)
                    ? state.Index.Find(words[(space + 1)..].Trim().Trim('"').ToString())
                    : null;
            default:
                return null;
        }
    }

    /// <summary>The askers about each service within the window now, and the usual number, for every service asked about.</summary>
    public IReadOnlyList<CrowdCount> Counts()
    {
        var now = _time.GetUtcNow();
        return [.. _tallies.Select(p => p.Value.Read(p.Key, now, Settings)).OrderBy(c => c.ServiceId, StringComparer.Ordinal)];
    }

    /// <summary>The askers about one service within the window now (zero when nobody asked).</summary>
    public CrowdCount CountOf(string serviceId) =>
        _tallies.TryGetValue(serviceId, out var tally) ? tally.Read(serviceId, _time.GetUtcNow(), Settings) : new CrowdCount(serviceId, 0, 0);

    /// <summary>
    /// The surge, decided on the writer's latest state: none while an incident is open on the service, nor within the
    /// cooldown of the last one (kept in the journal, so a restart does not shorten it).
    /// </summary>
    public static Decision Decide(BoardState state, CrowdSurge surge, TimeSpan cooldown)
    {
        if (!state.Services.ContainsKey(surge.ServiceId) || state.OpenIncidentsFor(surge.ServiceId).Any())
        {
            return Decision.NoChange;
        }

        if (state.Announcements.Crowds.TryGetValue(surge.ServiceId, out var last) && surge.At - last.At < cooldown)
        {
            return Decision.NoChange;
        }

        return Decision.Apply(new CrowdSurged(Actor.System, surge.At, surge));
    }

    private async Task RecordAsync(string serviceId, int askers, double usual)
    {
        var surge = new CrowdSurge(serviceId, _time.GetUtcNow(), askers, Math.Round(usual, 1), (int)Settings.Window.TotalSeconds);
        var committed = await _board.ExecuteAsync(s => Decide(s, surge, Settings.Cooldown), _deferrals.Stopping);
        if (committed.Decision.Events.Count > 0)
        {
            Telemetry.StatusBotMetrics.CrowdSurge(serviceId);
            LogSurge(_logger, serviceId, askers, usual);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Askers} people asked about {Service} within the window (usually {Usual:0.#}) and no incident is open: admins are told")]
    private static partial void LogSurge(ILogger logger, string service, int askers, double usual);

    /// <summary>One service's askers in the window: each person once, from their first question in it.</summary>
    private sealed class Tally(DateTimeOffset firstFold)
    {
        private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
        private readonly Queue<(string Asker, DateTimeOffset At)> _order = new();
        private DateTimeOffset _nextFold = firstFold;
        private double _usual;
        private bool _armed = true;

        public (int Askers, double Usual)? Add(string asker, DateTimeOffset now, CrowdSettings settings)
        {
            lock (_order)
            {
                Advance(now, settings);
                if (_seen.TryAdd(asker, now))
                {
                    _order.Enqueue((asker, now));
                    if (_order.Count > MaxAskersPerService)
                    {
                        _seen.Remove(_order.Dequeue().Asker);
                    }
                }

                var askers = _seen.Count;
                if (askers < settings.Threshold)
                {
                    _armed = true;
                    return null;
                }

                if (!_armed || askers < settings.Factor * _usual)
                {
                    return null;
                }

                // Once per crossing: the crowd must fall below the threshold again before another one counts.
                _armed = false;
                return (askers, _usual);
            }
        }

        public CrowdCount Read(string serviceId, DateTimeOffset now, CrowdSettings settings)
        {
            lock (_order)
            {
                Advance(now, settings);
                if (_seen.Count < settings.Threshold)
                {
                    _armed = true;
                }

                return new CrowdCount(serviceId, _seen.Count, Math.Round(_usual, 2));
            }
        }

        /// <summary>Folds each window that ended into the usual number, then forgets the askers older than the window.</summary>
        private void Advance(DateTimeOffset now, CrowdSettings settings)
        {
            if (now >= _nextFold)
            {
                var ended = (long)((now - _nextFold) / settings.Window) + 1;
                // The window that ended: [fold - window, fold).
                Expire(_nextFold - settings.Window, inclusive: false);
                _usual = (Smoothing * _seen.Count) + ((1 - Smoothing) * _usual);
                // The windows after it that nobody asked in count as zero.
                _usual *= Math.Pow(1 - Smoothing, Math.Min(ended - 1, 1000));
                _nextFold += settings.Window * ended;
            }

            Expire(now - settings.Window, inclusive: true);
        }

        private void Expire(DateTimeOffset before, bool inclusive)
        {
            while (_order.TryPeek(out var oldest) && (oldest.At < before || (inclusive && oldest.At == before)))
            {
                _order.Dequeue();
                _seen.Remove(oldest.Asker);
            }
        }
    }
}

/// <summary>The distinct people who asked about a service within the window, and how many usually do.</summary>
public sealed record CrowdCount(string ServiceId, int Askers, double Usual);
