namespace StatusBot.Core.Following;

/// <summary>Keys of follows (one per recipient and service) and of follower fan-outs (one per incident and version).</summary>
public static class FollowKeys
{
    /// <summary>The prefix of the delivery ledger's subjects for direct messages about an incident (<c>follow:INC-3</c>).</summary>
    public const string SubjectPrefix = "follow:";

    public static string Of(string recipientKey, string serviceId) => recipientKey + "|" + serviceId;

    public static string FanOut(string incidentId, int version) => $"{SubjectPrefix}{incidentId}/{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static string Subject(string incidentId) => SubjectPrefix + incidentId;

    public static bool IsFollowSubject(string subject) => subject.StartsWith(SubjectPrefix, StringComparison.Ordinal);
}
