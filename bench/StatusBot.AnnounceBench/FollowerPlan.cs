using System.Globalization;

namespace StatusBot.AnnounceBench;

/// <summary>
/// Who follows and where the emulators are, shared by the <c>followers</c> bench and its bot process (passed as JSON):
/// Discord users, Slack users per workspace (<c>T1</c>…), webhook endpoints spread over the receivers by path, each with
/// its own secret. <see cref="Mixed"/>: the platforms' followers interleaved in the order of following, else Discord's first.
/// </summary>
public sealed record FollowerPlan(
    string DiscordUrl,
    IReadOnlyList<string> SlackUrls,
    IReadOnlyList<string> ReceiverUrls,
    int DiscordFollowers,
    int SlackPerWorkspace,
    int Endpoints,
    int MaxParallelSends,
    bool Mixed = true)
{
    public int Workspaces => SlackUrls.Count;

    public static string Team(int workspace) => "T" + workspace.ToString(CultureInfo.InvariantCulture);

    public IEnumerable<string> DiscordUsers() =>
        Enumerable.Range(1, DiscordFollowers).Select(n => (1300000000000000000L + n).ToString(CultureInfo.InvariantCulture));

    public IEnumerable<string> SlackUsers(int workspace) =>
        Enumerable.Range(1, SlackPerWorkspace).Select(n => string.Create(CultureInfo.InvariantCulture, $"U{workspace}{n:D6}"));

    public static string EndpointName(int i) => "e" + i.ToString(CultureInfo.InvariantCulture);

    public string EndpointUrl(int i) => ReceiverUrls[i % ReceiverUrls.Count] + EndpointName(i);

    public int ReceiverOf(int i) => i % ReceiverUrls.Count;

    /// <summary>Endpoint <paramref name="i"/>'s own signing secret.</summary>
    public static string Secret(int i) =>
        "whsec_" + Convert.ToBase64String([.. Enumerable.Range(0, 32).Select(b => (byte)((i * 31) + (b * 7)))]);
}
