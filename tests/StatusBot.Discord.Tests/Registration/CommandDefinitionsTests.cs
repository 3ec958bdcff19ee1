using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StatusBot.Core.Commands;
using StatusBot.Discord.Registration;
using StatusBot.Discord.Wire;

namespace StatusBot.Discord.Tests.Registration;

public sealed partial class CommandDefinitionsTests
{
    private static readonly JsonArray Json = JsonNode.Parse(
        JsonSerializer.Serialize(CommandDefinitions.Build(), DiscordJsonContext.Default.ListApplicationCommand))!.AsArray();

    [Fact]
    public void Build_EveryCatalogCommand_AppearsExactlyOnce()
    {
        var registered = new List<string>();
        foreach (var command in Json)
        {
            var name = command!["name"]!.GetValue<string>();
            var subcommands = (command["options"] as JsonArray ?? []).Where(o => o!["type"]!.GetValue<int>() == 1).ToList();
            registered.AddRange(subcommands.Count == 0 ? [name] : subcommands.Select(s => name + " " + s!["name"]!.GetValue<string>()));
        }

        Assert.Equal(Catalog.All.Select(c => c.Name).Order(), registered.Order());
    }

    [Fact]
    public void Build_GroupedCommands_AreSubcommandsOfOneTopLevelCommand()
    {
        var incident = Json.Single(c => c!["name"]!.GetValue<string>() == "incident")!;

        var leaves = incident["options"]!.AsArray().Select(o => o!["name"]!.GetValue<string>());

        Assert.Equal(Catalog.InGroup("incident").Select(c => c.Leaf), leaves);
    }

    [Fact]
    public void Build_EveryOption_MatchesTheCatalog()
    {
        foreach (var spec in Catalog.All)
        {
            var options = OptionsOf(spec);

            Assert.Equal(spec.Options.Select(o => o.Name).Order(), options.Select(o => o["name"]!.GetValue<string>()).Order());
            foreach (var option in spec.Options)
            {
                var json = options.Single(o => o["name"]!.GetValue<string>() == option.Name);
                Assert.Equal(option.Kind == OptionKind.Integer ? 4 : 3, json["type"]!.GetValue<int>());
                Assert.Equal(option.Required, json["required"]?.GetValue<bool>() ?? false);
                if (option.Kind == OptionKind.Integer)
                {
                    Assert.Equal(option.Min, json["min_value"]!.GetValue<long>());
                    Assert.Equal(option.Max, json["max_value"]!.GetValue<long>());
                }

                if (option.Kind == OptionKind.Text)
                {
                    Assert.Equal(Math.Min(option.MaxLength, 6000), json["max_length"]!.GetValue<int>());
                }

                var hasChoices = option.Kind is OptionKind.ServiceStatus or OptionKind.IncidentStatus or OptionKind.Impact or OptionKind.Confidence or OptionKind.PostmortemStep;
                Assert.Equal(hasChoices, json["choices"] is JsonArray);
                Assert.Equal(option.Kind is OptionKind.Service or OptionKind.Services or OptionKind.IncidentId or OptionKind.Upstream, json["autocomplete"]?.GetValue<bool>() ?? false);
            }

            var required = options.Select(o => o["required"]?.GetValue<bool>() ?? false).ToList();
            Assert.Equal(required.OrderByDescending(r => r), required);
        }
    }

    [Fact]
    public void Build_ImpactChoices_AreTheWireValuesWithFrenchNames()
    {
        var impact = OptionsOf(Catalog.IncidentOpen).Single(o => o["name"]!.GetValue<string>() == "impact");

        var choices = impact["choices"]!.AsArray();

        Assert.Equal(["none", "minor", "major", "critical"], choices.Select(c => c!["value"]!.GetValue<string>()));
        Assert.All(choices, c => Assert.NotNull(c!["name_localizations"]!["fr"]));
    }

    [Fact]
    public void Build_NamesAndDescriptions_FollowDiscordRules()
    {
        foreach (var node in Json.Concat(Json.SelectMany(c => All(c!["options"] as JsonArray))))
        {
            var name = node!["name"]!.GetValue<string>();
            Assert.Matches(NameRule(), name);
            Assert.Equal(name.ToLowerInvariant(), name);
            Assert.InRange(node["description"]!.GetValue<string>().Length, 1, 100);
            Assert.InRange(node["description_localizations"]!["fr"]!.GetValue<string>().Length, 1, 100);
            if (node["name_localizations"]?["fr"] is { } french)
            {
                Assert.Matches(NameRule(), french.GetValue<string>());
            }
        }
    }

    [Fact]
    public void Build_EveryCommandAndOption_LocalizedForAllFiveOtherLanguages()
    {
        string[] locales = ["fr", "de", "es-ES", "pt-BR", "ja"];
        foreach (var node in Json.Concat(Json.SelectMany(c => All(c!["options"] as JsonArray))))
        {
            var names = node!["name_localizations"]!.AsObject();
            var descriptions = node["description_localizations"]!.AsObject();

            Assert.Equal(locales, names.Select(p => p.Key));
            Assert.Equal(locales, descriptions.Select(p => p.Key));
            Assert.All(names, p => Assert.Matches(NameRule(), p.Value!.GetValue<string>()));
            Assert.All(descriptions, p => Assert.InRange(p.Value!.GetValue<string>().Length, 1, 100));
            Assert.All(names, p => Assert.Equal(p.Value!.GetValue<string>().ToLowerInvariant(), p.Value!.GetValue<string>()));
        }

        var status = Json.Single(c => c!["name"]!.GetValue<string>() == "status")!;
        Assert.Equal("ステータス", status["name_localizations"]!["ja"]!.GetValue<string>());
        Assert.Equal("estado", status["name_localizations"]!["es-ES"]!.GetValue<string>());
        var history = Json.Single(c => c!["name"]!.GetValue<string>() == "history")!;
        Assert.Equal("Vergangene Störungen mit ihrer Dauer", history["description_localizations"]!["de"]!.GetValue<string>());
        Assert.Equal("過去のインシデントと継続時間", history["description_localizations"]!["ja"]!.GetValue<string>());
    }

    [Fact]
    public void Build_OptionNames_UniqueWithinEachCommandInEveryLanguage()
    {
        foreach (var holder in Json.Concat(Json.SelectMany(c => All(c!["options"] as JsonArray))))
        {
            var options = (holder!["options"] as JsonArray ?? []).Select(o => o!).ToList();
            foreach (var locale in new[] { "fr", "de", "es-ES", "pt-BR", "ja" })
            {
                var names = options.Select(o => o["name_localizations"]![locale]!.GetValue<string>()).ToList();
                Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
            }
        }
    }

    [Fact]
    public void Build_ImpactChoices_NamedInEveryLanguage()
    {
        var impact = OptionsOf(Catalog.IncidentOpen).Single(o => o["name"]!.GetValue<string>() == "impact");

        var critical = impact["choices"]!.AsArray().Single(c => c!["value"]!.GetValue<string>() == "critical")!;

        Assert.Equal("kritische Auswirkung (schwerer Ausfall)", critical["name_localizations"]!["de"]!.GetValue<string>());
        Assert.Equal("深刻な影響（重大な障害）", critical["name_localizations"]!["ja"]!.GetValue<string>());
    }

    [Fact]
    public void Build_AdminOnlyGroups_AreHiddenFromNonAdmins()
    {
        string? Permissions(string name) => Json.Single(c => c!["name"]!.GetValue<string>() == name)!["default_member_permissions"]?.GetValue<string>();

        Assert.Equal("32", Permissions("service"));
        Assert.Null(Permissions("incident"));
        Assert.Null(Permissions("status"));
        Assert.Equal("statut", Json.Single(c => c!["name"]!.GetValue<string>() == "status")!["name_localizations"]!["fr"]!.GetValue<string>());
    }

    private static List<JsonNode> OptionsOf(CommandSpec spec)
    {
        var top = Json.Single(c => c!["name"]!.GetValue<string>() == (spec.Group ?? spec.Name))!;
        var holder = spec.Group is null ? top : top["options"]!.AsArray().Single(o => o!["name"]!.GetValue<string>() == spec.Leaf)!;
        return [.. (holder["options"] as JsonArray ?? []).Select(o => o!)];
    }

    private static IEnumerable<JsonNode?> All(JsonArray? options) =>
        options is null ? [] : options.Concat(options.SelectMany(o => All(o!["options"] as JsonArray)));

    [GeneratedRegex(@"^[-_'\p{L}\p{N}]{1,32}$")]
    private static partial Regex NameRule();
}
