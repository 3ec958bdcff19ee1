using System.Text.Json;

namespace StatusBot.Monitoring;

/// <summary>
/// A Prometheus Alertmanager webhook notification (payload version 4): the group's status and its alerts, each with its
/// status, labels, annotations, times and fingerprint.
/// </summary>
public sealed record AlertmanagerWebhook(string Status, IReadOnlyList<Alert> Alerts)
{
    /// <summary>Reads a notification; throws <see cref="FormatException"/> with the field at fault when it is not one.</summary>
    public static AlertmanagerWebhook Parse(string json)
    {
        using var doc = JsonRead.Object(json, "an Alertmanager notification");
        var root = doc.RootElement;
        var version = JsonRead.RequiredString(root, "version", "notification");
        if (version != "4")
        {
            throw new FormatException($"notification.version is '{version}': only version 4 is understood.");
        }

        var status = ReadStatus(root, "notification");
        if (!root.TryGetProperty("alerts", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("notification.alerts must be an array.");
        }

        var alerts = new List<Alert>();
        var i = 0;
        foreach (var a in list.EnumerateArray())
        {
            var where = $"alerts[{i++}]";
            if (a.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"{where} must be an object.");
            }

            alerts.Add(new Alert(
                ReadStatus(a, where),
                JsonRead.StringMap(a, "labels", where),
                JsonRead.StringMap(a, "annotations", where),
                Time(a, "startsAt", where),
                Time(a, "endsAt", where),
                JsonRead.OptionalString(a, "fingerprint", where)));
        }

        return new AlertmanagerWebhook(status, alerts);
    }

    private static string ReadStatus(JsonElement e, string where) => JsonRead.RequiredString(e, "status", where) switch
    {
        "firing" => "firing",
        "resolved" => "resolved",
        var other => throw new FormatException($"{where}.status is '{other}': expected firing or resolved."),
    };

    private static DateTimeOffset? Time(JsonElement e, string name, string where) =>
        JsonRead.OptionalString(e, name, where) is { } text
            ? DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : throw new FormatException($"{where}.{name} '{text}' is not an RFC 3339 time.")
            : null;
}
