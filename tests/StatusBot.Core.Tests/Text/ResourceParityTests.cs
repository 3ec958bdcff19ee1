using System.Text.RegularExpressions;
using System.Xml.Linq;
using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.Text;

namespace StatusBot.Core.Tests.Text;

/// <summary>Every sentence exists in English and French, with the same holes, read straight from the two .resx files.</summary>
public sealed partial class ResourceParityTests
{
    private static readonly Lazy<(Dictionary<string, string> English, Dictionary<string, string> French)> Resources = new(Load);

    private static Dictionary<string, string> English => Resources.Value.English;

    private static Dictionary<string, string> French => Resources.Value.French;

    [Fact]
    public void Resx_BothLanguages_HaveTheSameKeys()
    {
        var onlyEnglish = English.Keys.Except(French.Keys).Order().ToList();
        var onlyFrench = French.Keys.Except(English.Keys).Order().ToList();

        Assert.True(English.Count > 100, $"Only {English.Count} strings found: wrong file?");
        Assert.Empty(onlyEnglish);
        Assert.Empty(onlyFrench);
    }

    [Fact]
    public void Resx_EveryKey_SamePlaceholdersInBothLanguages()
    {
        var mismatches = English.Keys.Intersect(French.Keys)
            .Where(k => !Placeholders(English[k]).SetEquals(Placeholders(French[k])))
            .Select(k => $"{k}: en {{{string.Join(",", Placeholders(English[k]))}}} fr {{{string.Join(",", Placeholders(French[k]))}}}")
            .ToList();

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Resx_EveryValue_NonEmptyAndFormattable()
    {
        foreach (var (name, values) in new[] { ("en", English), ("fr", French) })
        {
            foreach (var (key, value) in values)
            {
                Assert.False(string.IsNullOrWhiteSpace(value), $"{name}:{key} is empty");
                var args = Enumerable.Range(0, 10).Select(i => (object)$"<{i}>").ToArray();
                var formatted = string.Format(System.Globalization.CultureInfo.InvariantCulture, value, args);
                Assert.DoesNotContain("{", formatted, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Resx_KeysTheCodeBuildsFromEnumsAndTheCatalog_ExistInBothLanguages()
    {
        var keys = Enum.GetValues<ServiceStatus>().Select(v => "ServiceStatus_" + v)
            .Concat(Enum.GetValues<IncidentStatus>().Select(v => "IncidentStatus_" + v))
            .Concat(Enum.GetValues<Impact>().Select(v => "Impact_" + v))
            .Concat(Enum.GetValues<CauseConfidence>().Select(v => "Confidence_" + v))
            .Concat(Enum.GetValues<UpdateKind>().Select(v => "UpdateKind_" + v))
            .Concat(Catalog.All.Select(c => c.HelpKey))
            .Concat(Catalog.All.SelectMany(c => c.Options).Select(o => o.DescriptionKey))
            .Distinct()
            .ToList();

        Assert.All(keys, k => Assert.True(English.ContainsKey(k) && French.ContainsKey(k), $"'{k}' is missing"));
    }

    [Fact]
    public void Localizer_French_ActuallyDiffersFromEnglishForSentences()
    {
        var en = Localizer.For(Locales.English);
        var fr = Localizer.For(Locales.French);

        Assert.Equal(English["Error_AdminOnly"], en["Error_AdminOnly"]);
        Assert.Equal(French["Error_AdminOnly"], fr["Error_AdminOnly"]);
        Assert.NotEqual(en["Error_AdminOnly"], fr["Error_AdminOnly"]);
    }

    private static HashSet<string> Placeholders(string value) => [.. Placeholder().Matches(value).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    private static (Dictionary<string, string>, Dictionary<string, string>) Load()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "StatusBot.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        var text = Path.Combine(dir.FullName, "src", "StatusBot.Core", "Text");
        return (Read(Path.Combine(text, "Strings.resx")), Read(Path.Combine(text, "Strings.fr.resx")));
    }

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
}
