using System.Globalization;
using System.Text;
using StatusBot.Core.Commands;
using StatusBot.Core.Text;

namespace StatusBot.Host.Tests.Docs;

/// <summary>The README's command reference is the catalog's: a command added or changed there must show up here.</summary>
public sealed class ReadmeTests
{
    private const string Start = "<!-- commands:start (generated from the catalog; ReadmeTests checks it) -->";
    private const string End = "<!-- commands:end -->";

    [Fact]
    public void Readme_CommandReference_MatchesTheCatalog()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var start = readme.IndexOf(Start, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md lacks the command reference markers");

        var actual = readme[(start + Start.Length)..end].Trim();

        Assert.True(Expected() == actual, "README.md's command reference is out of date; replace it with:\n" + Expected());
    }

    private static string Expected()
    {
        var l = Localizer.For(Locales.English);
        var sb = new StringBuilder();
        sb.AppendLine("| command | who | what |");
        sb.AppendLine("|---|---|---|");
        foreach (var spec in Catalog.All)
        {
            var who = spec.Permission == Permission.Admin ? "admin" : "anyone";
            sb.AppendLine(CultureInfo.InvariantCulture, $"| `{spec.Usage}` | {who} | {l[spec.HelpKey]} |");
        }

        return sb.ToString().Trim();
    }
}
