using Microsoft.Extensions.Options;

namespace StatusBot.Monitoring;

/// <summary>Refuses broken probe and upstream polling settings at start, naming the key at fault.</summary>
public sealed class MonitoringOptionsValidator : IValidateOptions<MonitoringOptions>
{
    public ValidateOptionsResult Validate(string? name, MonitoringOptions options)
    {
        var errors = Errors(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static IEnumerable<string> Errors(MonitoringOptions o)
    {
        if (o.Monitoring.CorrelationWindowSeconds is < 0 or > 86400)
        {
            yield return $"{MonitoringOptions.Section}:Monitoring:CorrelationWindowSeconds must be between 0 and 86400 (was {o.Monitoring.CorrelationWindowSeconds}).";
        }

        if (o.Monitoring.UpstreamSilenceMinutes is < 1 or > 1440)
        {
            yield return $"{MonitoringOptions.Section}:Monitoring:UpstreamSilenceMinutes must be between 1 and 1440 (was {o.Monitoring.UpstreamSilenceMinutes}).";
        }

        for (var i = 0; i < o.Upstreams.Count; i++)
        {
            var u = o.Upstreams[i];
            var key = $"{MonitoringOptions.Section}:Upstreams:{i}";
            if (u.Poll && string.IsNullOrWhiteSpace(u.FeedUrl))
            {
                yield return $"{key}:Poll is true but {key}:FeedUrl is empty.";
            }

            if (u.ParsedKind is null)
            {
                yield return $"{key}:Kind '{u.Kind}' must be one of auto, statuspage, rss, atom.";
            }

            if (u.IntervalSeconds is < 10 or > 86400)
            {
                yield return $"{key}:IntervalSeconds must be between 10 and 86400 (was {u.IntervalSeconds}).";
            }

            if (u.TimeoutSeconds < 1 || u.TimeoutSeconds > Math.Max(1, u.IntervalSeconds))
            {
                yield return $"{key}:TimeoutSeconds must be between 1 and IntervalSeconds (was {u.TimeoutSeconds}).";
            }

            if (u.StaleAfterHours < 1)
            {
                yield return $"{key}:StaleAfterHours must be at least 1 (was {u.StaleAfterHours}).";
            }
        }

        for (var i = 0; i < o.Services.Count; i++)
        {
            if (o.Services[i].Probe is not { } p)
            {
                continue;
            }

            var key = $"{MonitoringOptions.Section}:Services:{i}:Probe";
            if (!IsHttpUrl(p.Url))
            {
                yield return $"{key}:Url '{p.Url}' must be an absolute http or https URL.";
            }
            else if (p.IntervalSeconds < 1 || p.TimeoutSeconds < 1)
            {
                yield return $"{key}:IntervalSeconds and TimeoutSeconds must be at least 1.";
            }

            if (string.IsNullOrWhiteSpace(p.Method) || !p.Method.All(c => char.IsAsciiLetter(c) || c == '-'))
            {
                yield return $"{key}:Method '{p.Method}' must be an HTTP method such as GET or HEAD.";
            }
        }
    }

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0;
}
