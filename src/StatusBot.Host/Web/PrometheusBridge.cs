using System.Diagnostics.Metrics;
using Prometheus;
using StatusBot.Core.Board;
using StatusBot.Core.Telemetry;

namespace StatusBot.Host.Web;

/// <summary>
/// Exports the <see cref="StatusBotMetrics"/> meter on <c>/metrics</c> under stable Prometheus names
/// (<c>statusbot_commands_total{platform,command,outcome}</c>, <c>statusbot_journal_fsync_duration_seconds</c>…),
/// with the instruments' own bucket boundaries.
/// </summary>
public sealed class PrometheusBridge(ILeadership leadership) : IHostedService, IDisposable
{
    private volatile bool _disposed;

    private readonly MeterListener _listener = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name != StatusBotMetrics.MeterName)
            {
                return;
            }

            // Each instrument's sink travels as its measurement state: recording a value takes no lock and no lookup.
            listener.EnableMeasurementEvents(instrument, Sink(instrument));
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, sink) => Record(sink, value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, sink) => Record(sink, value, tags));
        _listener.Start();

        // Gauges are read when scraped, not pushed.
        StatusBotMetrics.ObserveLeader(() => leadership.IsLeader);
        Metrics.DefaultRegistry.AddBeforeCollectCallback(() =>
        {
            if (!_disposed)
            {
                _listener.RecordObservableInstruments();
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        _disposed = true;
        _listener.Dispose();
    }

    private static void Record(object? sink, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        (sink as Action<double, ReadOnlySpan<KeyValuePair<string, object?>>>)?.Invoke(value, tags);

    private static Action<double, ReadOnlySpan<KeyValuePair<string, object?>>> Sink(Instrument instrument)
    {
        var labels = LabelNames(instrument.Name);
        var help = instrument.Description ?? instrument.Name;
        if (instrument is ObservableGauge<long>)
        {
            var gauge = Metrics.CreateGauge(instrument.Name, help, labels);
            return (value, tags) => gauge.WithLabels(Values(labels, tags)).Set(value);
        }

        if (instrument is Histogram<double>)
        {
            var name = instrument.Name + (instrument.Unit == "s" ? "_seconds" : "");
            var buckets = instrument.Name.Contains("fsync", StringComparison.Ordinal)
                ? new[] { 0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1 }
                : [0.0005, 0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 1];
            var histogram = Metrics.CreateHistogram(name, help, new HistogramConfiguration { LabelNames = labels, Buckets = buckets });
            return (value, tags) => histogram.WithLabels(Values(labels, tags)).Observe(value);
        }

        var counter = Metrics.CreateCounter(instrument.Name + "_total", help, labels);
        return (value, tags) => counter.WithLabels(Values(labels, tags)).Inc(value);
    }

    /// <summary>Each instrument's tags, in a fixed order (Prometheus needs the label set up front).</summary>
    private static string[] LabelNames(string instrument) => instrument switch
    {
        "statusbot_commands" => ["platform", "command", "outcome"],
        "statusbot_command_duration" => ["platform", "command"],
        "statusbot_announcements" => ["platform", "outcome"],
        "statusbot_probes" => ["service", "result"],
        "statusbot_signature_failures" => ["platform", "reason"],
        "statusbot_platform_rate_limited" => ["platform", "route", "global"],
        "statusbot_leadership_changes" => ["direction"],
        _ => [],
    };

    private static string[] Values(string[] labels, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var values = new string[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            values[i] = "";
            foreach (var tag in tags)
            {
                if (tag.Key == labels[i])
                {
                    values[i] = tag.Value?.ToString() ?? "";
                }
            }
        }

        return values;
    }
}
