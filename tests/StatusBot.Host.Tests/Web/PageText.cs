using System.Text.RegularExpressions;

namespace StatusBot.Host.Tests.Web;

/// <summary>A page's HTML without its <c>&lt;time&gt;</c> tags: the sentences as a reader sees them without the script.</summary>
internal static partial class PageText
{
    public static string WithoutTimeTags(string html) => TimeTag().Replace(html, "");

    [GeneratedRegex("</?time[^>]*>")]
    private static partial Regex TimeTag();
}
