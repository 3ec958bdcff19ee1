using System.Collections.Immutable;
using StatusBot.Core.Replies;
using StatusBot.Discord.Rendering;

namespace StatusBot.Discord.Tests.Rendering;

public sealed class DiscordRendererTests
{
    [Theory]
    [InlineData(Severity.Info, 0x5865F2)]
    [InlineData(Severity.Success, 0x57F287)]
    [InlineData(Severity.Minor, 0xFEE75C)]
    [InlineData(Severity.Major, 0xE67E22)]
    [InlineData(Severity.Critical, 0xED4245)]
    public void ToEmbed_Severity_PicksItsColor(Severity severity, int color)
    {
        var embed = DiscordRenderer.ToEmbed(new Reply { Title = "t", Severity = severity });

        Assert.Equal(color, embed.Color);
    }

    [Fact]
    public void ToEmbed_FullReply_HasFieldsFooterAndTimestamp()
    {
        var reply = new Reply
        {
            Title = "Streaming",
            Lines = ["line one", "line two"],
            Fields = [new ReplyField("Cause", "AWS ELB", Inline: true)],
            Footer = "next update 23:30 UTC",
            Timestamp = new DateTimeOffset(2012, 12, 24, 20, 30, 0, TimeSpan.Zero),
        };

        var embed = DiscordRenderer.ToEmbed(reply);

        Assert.Equal("line one\nline two", embed.Description);
        var field = Assert.Single(embed.Fields!);
        Assert.True(field.Inline);
        Assert.Equal("next update 23:30 UTC", embed.Footer!.Text);
        Assert.Equal("2012-12-24T20:30:00.000Z", embed.Timestamp);
    }

    [Fact]
    public void ToEmbed_HugeReply_StaysWithinEveryDiscordLimit()
    {
        var big = new string('x', 5000);
        var reply = new Reply
        {
            Title = big,
            Lines = [big, big],
            Fields = [.. Enumerable.Range(0, 40).Select(i => new ReplyField(big, big))],
            Footer = big,
        };

        var embed = DiscordRenderer.ToEmbed(reply);

        Assert.True(embed.Title!.Length <= 256);
        Assert.True(embed.Description!.Length <= 4096);
        var fields = embed.Fields ?? [];
        Assert.True(fields.Count <= 25);
        Assert.All(fields, f => Assert.True(f.Name.Length <= 256 && f.Value.Length <= 1024));
        var total = embed.Title.Length + embed.Description.Length + embed.Footer!.Text.Length + fields.Sum(f => f.Name.Length + f.Value.Length);
        Assert.True(total <= 6000, $"total {total}");
        Assert.EndsWith("…", embed.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void ToEmbed_ManyFields_KeepsTheFirstTwentyFive()
    {
        var reply = new Reply { Title = "t", Fields = [.. Enumerable.Range(0, 40).Select(i => new ReplyField("f" + i, "v"))] };

        var embed = DiscordRenderer.ToEmbed(reply);

        Assert.Equal(25, embed.Fields!.Count);
        Assert.Equal("f0", embed.Fields[0].Name);
        Assert.Equal("f24", embed.Fields[^1].Name);
    }

    [Fact]
    public void ToEmbed_EmptyFieldValue_UsesAVisibleBlank()
    {
        var embed = DiscordRenderer.ToEmbed(new Reply { Title = "t", Fields = [new ReplyField("", " ")] });

        Assert.All(embed.Fields!, f => Assert.False(string.IsNullOrEmpty(f.Name) || string.IsNullOrEmpty(f.Value)));
    }

    [Fact]
    public void ToMessage_AnyReply_ParsesNoMentionsAndCarriesTheNonce()
    {
        var message = DiscordRenderer.ToMessage(new Reply { Title = "@everyone" }, nonce: "abc");

        Assert.Empty(message.AllowedMentions.Parse);
        Assert.Equal("abc", message.Nonce);
        Assert.True(message.EnforceNonce);
        Assert.Null(message.Flags);
    }

    [Fact]
    public void ToCallbackData_PrivateAndChannelReplies_SetEphemeralOnlyForPrivate()
    {
        var privateData = DiscordRenderer.ToCallbackData(new Reply { Title = "t", Visibility = Visibility.Private });
        var channelData = DiscordRenderer.ToCallbackData(new Reply { Title = "t", Visibility = Visibility.Channel });

        Assert.Equal(64, privateData.Flags);
        Assert.Null(channelData.Flags);
    }

    [Fact]
    public void ToContent_LongText_FitsTwoThousandCharacters()
    {
        var content = DiscordRenderer.ToContent(new Reply { Title = "t", Lines = [new string('*', 3000)] });

        Assert.True(content.Length <= 2000);
    }

    [Fact]
    public void ToComponents_ManyButtons_RowsOfFiveAtMostFiveRows_LongCommandsLeftOut_AdminOnesOnlyWhenAsked()
    {
        var actions = Enumerable.Range(1, 30)
            .Select(i => new ReplyAction("show:INC-" + i, "Show INC-" + i + " @everyone", "incident show INC-" + i, AdminOnly: i % 2 == 0))
            .Append(new ReplyAction("long", "Long", "incident update INC-1 monitoring \"" + new string('x', 120) + "\"", AdminOnly: false))
            .ToImmutableArray();
        var reply = new Reply { Title = "t", Actions = actions };

        var all = DiscordRenderer.ToComponents(reply, showAdminActions: true)!;
        var viewer = DiscordRenderer.ToComponents(reply, showAdminActions: false)!;

        Assert.Equal(5, all.Count);
        Assert.All(all, row => Assert.Equal(5, row.Components!.Count));
        Assert.DoesNotContain(all.SelectMany(r => r.Components!), b => b.CustomId!.Length > ReplyAction.MaxCommandLength);
        Assert.Equal(15, viewer.Sum(r => r.Components!.Count));
        Assert.All(viewer.SelectMany(r => r.Components!), b => Assert.Equal(2, b.Style));
        Assert.Null(DiscordRenderer.ToComponents(new Reply { Title = "t" }, showAdminActions: true));
    }
}
