namespace StatusBot.Core.Domain;

/// <summary>
/// The words for each status, impact and confidence: Statuspage's snake_case names (used by the JSON API and the journal),
/// and the short forms people type in chat (<c>major</c>, <c>down</c>, <c>up</c>...).
/// </summary>
public static class WireNames
{
    private static readonly Dictionary<ServiceStatus, string> ServiceStatusNames = new()
    {
        [ServiceStatus.Operational] = "operational",
        [ServiceStatus.DegradedPerformance] = "degraded_performance",
        [ServiceStatus.PartialOutage] = "partial_outage",
        [ServiceStatus.MajorOutage] = "major_outage",
        [ServiceStatus.UnderMaintenance] = "under_maintenance",
        [ServiceStatus.Unknown] = "unknown",
    };

    private static readonly Dictionary<string, ServiceStatus> ServiceStatusWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["operational"] = ServiceStatus.Operational,
        ["up"] = ServiceStatus.Operational,
        ["ok"] = ServiceStatus.Operational,
        ["green"] = ServiceStatus.Operational,
        ["degraded_performance"] = ServiceStatus.DegradedPerformance,
        ["degraded"] = ServiceStatus.DegradedPerformance,
        ["slow"] = ServiceStatus.DegradedPerformance,
        ["partial_outage"] = ServiceStatus.PartialOutage,
        ["partial"] = ServiceStatus.PartialOutage,
        ["major_outage"] = ServiceStatus.MajorOutage,
        ["major"] = ServiceStatus.MajorOutage,
        ["down"] = ServiceStatus.MajorOutage,
        ["outage"] = ServiceStatus.MajorOutage,
        ["under_maintenance"] = ServiceStatus.UnderMaintenance,
        ["maintenance"] = ServiceStatus.UnderMaintenance,
        ["unknown"] = ServiceStatus.Unknown,
    };

    public static string Of(ServiceStatus status) => ServiceStatusNames[status];

    public static string Of(IncidentStatus status) => status.ToString().ToLowerInvariant();

    public static string Of(Impact impact) => impact.ToString().ToLowerInvariant();

    public static string Of(CauseConfidence confidence) => confidence.ToString().ToLowerInvariant();

    public static string Of(UpdateKind kind) => kind.ToString().ToLowerInvariant();

    public static bool TryParseServiceStatus(string? word, out ServiceStatus status) =>
        ServiceStatusWords.TryGetValue(Clean(word), out status);

    public static bool TryParseIncidentStatus(string? word, out IncidentStatus status) =>
        TryParseEnum(word, out status);

    public static bool TryParseImpact(string? word, out Impact impact) => TryParseEnum(word, out impact);

    public static bool TryParseConfidence(string? word, out CauseConfidence confidence) => TryParseEnum(word, out confidence);

    public static bool TryParsePostmortemStep(string? word, out PostmortemStep step) => TryParseEnum(word, out step);

    /// <summary>The words accepted for service statuses, canonical names first.</summary>
    public static IReadOnlyList<string> ServiceStatusChoices { get; } = ServiceStatusNames.Values.Where(v => v != "unknown").ToArray();

    /// <summary>The short words people may type for a service status (<c>major</c>, <c>down</c> and <c>outage</c> for major_outage).</summary>
    public static IReadOnlyList<string> ShortForms(ServiceStatus status) =>
        [.. ServiceStatusWords.Where(w => w.Value == status && w.Key != Of(status)).Select(w => w.Key)];

    public static IReadOnlyList<string> ChoicesOf<TEnum>()
        where TEnum : struct, Enum => Enum.GetValues<TEnum>().Select(v => v.ToString().ToLowerInvariant()).ToArray();

    private static bool TryParseEnum<TEnum>(string? word, out TEnum value)
        where TEnum : struct, Enum
    {
        var w = Clean(word);
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.ToString(), w, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string Clean(string? word) => (word ?? "").Trim().Replace('-', '_');
}
