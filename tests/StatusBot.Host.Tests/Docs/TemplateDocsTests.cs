using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StatusBot.Announcing;

namespace StatusBot.Host.Tests.Docs;

/// <summary>The templates shown in docs/ANNOUNCEMENTS.md are accepted at start, and every kind is documented.</summary>
public sealed partial class TemplateDocsTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "ANNOUNCEMENTS.md"));

    [Fact]
    public void TheExampleOverrides_AreValidTemplates()
    {
        var examples = JsonBlocks().Matches(Doc)
            .Select(m => JsonNode.Parse("{" + m.Groups[1].Value + "}")!["Announcements"]!["Templates"])
            .OfType<JsonObject>()
            .ToList();
        Assert.Equal(2, examples.Count);
        foreach (var example in examples)
        {
            var templates = new AnnouncementTemplates();
            foreach (var (kind, languages) in example)
            {
                var map = (Dictionary<string, string>)typeof(AnnouncementTemplates).GetProperty(kind)!.GetValue(templates)!;
                foreach (var (language, text) in languages!.AsObject())
                {
                    map[language] = text!.GetValue<string>();
                }
            }

            Assert.NotEmpty(templates.Overrides());
            Assert.Empty(PostTemplates.Errors(templates));
        }
    }

    [Fact]
    public void EveryKind_IsDocumented()
    {
        Assert.All(Enum.GetValues<PostKind>(), kind => Assert.Contains($"`{kind}`", Doc, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"```json\n(""Announcements"": \{.*?\n\})\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlocks();
}
