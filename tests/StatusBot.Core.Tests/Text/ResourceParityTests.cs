using System.Text.RegularExpressions;
using System.Xml.Linq;
using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.Text;

namespace StatusBot.Core.Tests.Text;

/// <summary>
/// Every sentence exists in English and in each other language, with the same holes, read straight from the .resx files.
/// </summary>
public sealed partial class ResourceParityTests
{
    private static readonly Lazy<Dictionary<string, Dictionary<string, string>>> Resources = new(Load);

    private static Dictionary<string, string> English => Resources.Value["en"];

    private static Dictionary<string, string> French => Resources.Value["fr"];

    public static TheoryData<string> Translations => [.. Locales.Supported.Where(l => l != "en")];

    [Theory]
    [MemberData(nameof(Translations))]
    public void Resx_EachLanguage_HasEveryKeyOfTheNeutralFileAndNoOther(string language)
    {
        var translation = Resources.Value[language];
        var missing = English.Keys.Except(translation.Keys).Order().ToList();
        var extra = translation.Keys.Except(English.Keys).Order().ToList();

        Assert.True(English.Count > 100, $"Only {English.Count} strings found: wrong file?");
        Assert.Empty(missing);
        Assert.Empty(extra);
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void Resx_EachLanguage_SamePlaceholdersAsTheNeutralFile(string language)
    {
        var translation = Resources.Value[language];
        var mismatches = English.Keys.Intersect(translation.Keys)
            .Where(k => !Placeholders(English[k]).SetEquals(Placeholders(translation[k])))
            .Select(k => $"{k}: en {{{string.Join(",", Placeholders(English[k]))}}} {language} {{{string.Join(",", Placeholders(translation[k]))}}}")
            .ToList();

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Resx_EveryValue_NonEmptyAndFormattable()
    {
        foreach (var (name, values) in Resources.Value)
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
    public void Resx_Files_AreExactlyTheSupportedLanguages_AndEachIsShipped()
    {
        var root = Root();
        var files = Directory.GetFiles(Path.Combine(root, "src", "StatusBot.Core", "Text"), "Strings.*.resx")
            .Select(f => Path.GetFileName(f)["Strings.".Length..^".resx".Length])
            .Order(StringComparer.Ordinal);
        var satellites = XDocument.Load(Path.Combine(root, "Directory.Build.props")).Descendants("SatelliteResourceLanguages").Single().Value.Split(';');

        Assert.Equal(Locales.Supported.Where(l => l != "en").Order(StringComparer.Ordinal), files);
        Assert.Equal(Locales.Supported.Order(StringComparer.Ordinal), satellites.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void Localizer_EachLanguage_ReadsItsOwnFileNotTheNeutralOne(string language)
    {
        var l = Localizer.For(Locales.Resolve(language));

        Assert.Equal(Resources.Value[language]["Error_AdminOnly"], l["Error_AdminOnly"]);
        Assert.NotEqual(English["Error_AdminOnly"], l["Error_AdminOnly"]);
    }

    [Fact]
    public void Resx_KeysTheCodeBuildsFromEnumsAndTheCatalog_ExistInEveryLanguage()
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

        Assert.All(keys, k => Assert.All(Resources.Value, r => Assert.True(r.Value.ContainsKey(k), $"'{k}' is missing in {r.Key}")));
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

    private static Dictionary<string, Dictionary<string, string>> Load()
    {
        var text = Path.Combine(Root(), "src", "StatusBot.Core", "Text");
        return Locales.Supported.ToDictionary(
            l => l,
            l => Read(Path.Combine(text, l == "en" ? "Strings.resx" : $"Strings.{l}.resx")),
            StringComparer.Ordinal);
    }

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "StatusBot.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        return dir.FullName;
    }

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
}
