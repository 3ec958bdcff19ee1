using System.Text.Json;
using StatusBot.Discord.Interactions;
using StatusBot.Discord.Wire;

namespace StatusBot.Discord.Tests.Interactions;

public sealed class FixtureTests
{
    public static TheoryData<string> InteractionFixtures => new()
    {
        "discord-interaction-subcommand.json",
        "discord-interaction-subcommand-group.json",
        "discord-interaction-rootcommand.json",
        "discord-interaction-command-docs.json",
        "discord-autocomplete-minimal.json",
        "discord-ping-minimal.json",
    };

    public static TheoryData<string> RegistrationFixtures => new()
    {
        "discord-command-register-subcommand-groups.json",
        "discord-command-register-localized.json",
        "discord-command-register-blep.json",
    };

    [Theory]
    [MemberData(nameof(InteractionFixtures))]
    public void Deserialize_InteractionFixture_Parses(string name)
    {
        var interaction = JsonSerializer.Deserialize(Read(name), DiscordJsonContext.Default.Interaction);

        Assert.NotNull(interaction);
        Assert.False(string.IsNullOrEmpty(interaction.Id));
        Assert.InRange(interaction.Type, 1, 5);
    }

    [Fact]
    public void From_KordSubcommandWithStringType_FindsSubcommandAndOption()
    {
        var interaction = JsonSerializer.Deserialize(Read("discord-interaction-subcommand.json"), DiscordJsonContext.Default.Interaction)!;

        var invocation = Invocation.From(interaction.Data!);

        Assert.Equal(["testsubcommands", "subcommand"], invocation.Words);
        Assert.Equal("1", invocation.Options["testint"]);
        Assert.Equal("de", interaction.Locale);
        Assert.Equal("2147483647", interaction.Member!.Permissions);
    }

    [Fact]
    public void From_KordSubcommandGroup_DescendsBothLevels()
    {
        var interaction = JsonSerializer.Deserialize(Read("discord-interaction-subcommand-group.json"), DiscordJsonContext.Default.Interaction)!;

        var invocation = Invocation.From(interaction.Data!);

        Assert.Equal(["testsubcommands", "group", "groupsubcommand"], invocation.Words);
        Assert.Equal("1", invocation.Options["testint"]);
        Assert.Null(DiscordCommandMap.Find(invocation));
    }

    [Fact]
    public void From_DocsCommand_ReadsStringOption()
    {
        var interaction = JsonSerializer.Deserialize(Read("discord-interaction-command-docs.json"), DiscordJsonContext.Default.Interaction)!;

        var invocation = Invocation.From(interaction.Data!);

        Assert.Equal("cardsearch", invocation.Name);
        Assert.Equal("The Gitrog Monster", invocation.Options["cardname"]);
    }

    [Fact]
    public void From_AutocompleteFixture_MarksFocusedOption()
    {
        var interaction = JsonSerializer.Deserialize(Read("discord-autocomplete-minimal.json"), DiscordJsonContext.Default.Interaction)!;

        var invocation = Invocation.From(interaction.Data!);

        Assert.Equal("option", invocation.Focused);
        Assert.Equal("first_option", invocation.Options["option"]);
    }

    [Theory]
    [MemberData(nameof(RegistrationFixtures))]
    public void Deserialize_RegistrationFixture_Parses(string name)
    {
        var text = Read(name).Trim();
        var commands = text.StartsWith('[')
            ? JsonSerializer.Deserialize(text, DiscordJsonContext.Default.ListApplicationCommand)!
            : JsonSerializer.Deserialize("[" + text + "]", DiscordJsonContext.Default.ListApplicationCommand)!;

        Assert.NotEmpty(commands);
        Assert.All(commands, c => Assert.False(string.IsNullOrEmpty(c.Name)));
    }

    private static string Read(string name) => File.ReadAllText(Path.Combine("Fixtures", name));
}
