using System.Collections.Immutable;
using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.State;
using StatusBot.Testing;

namespace StatusBot.Core.Tests.Commands;

public sealed class CommandBinderTests
{
    private static readonly BoardState Board = BoardState.Create(DemoCatalog.Services, DemoCatalog.Upstreams);

    private static ImmutableDictionary<string, object> Bind(string text)
    {
        Assert.True(TextCommandParser.TryParse(text, out var input, out var parseError), parseError?.ToString());
        Assert.True(CommandBinder.TryBind(input, Board, out var values, out var error), error?.ToString());
        return values;
    }

    private static CommandError Refuse(string text)
    {
        Assert.True(TextCommandParser.TryParse(text, out var input, out var parseError), parseError?.ToString());
        Assert.False(CommandBinder.TryBind(input, Board, out _, out var error));
        return Assert.IsType<CommandError>(error);
    }

    [Fact]
    public void TryBind_IncidentOpen_FillsPositionalsAndRestOfLine()
    {
        var values = Bind("incident open video,site critical Streaming and the site fail: see https://status.example.com users:27,000,000");

        Assert.Equal(["streaming", "website"], ((ImmutableArray<string>)values["services"]).ToArray());
        Assert.Equal(Impact.Critical, values["impact"]);
        Assert.Equal("Streaming and the site fail: see https://status.example.com", values["title"]);
        Assert.Equal(27_000_000L, values["users"]);
    }

    [Fact]
    public void TryBind_QuotedTitleAndQuotedNamedOptions_KeepTheirSpaces()
    {
        var values = Bind("incident open streaming major \u201CStreaming fails on many devices\u201D segments:\"TV, consoles\" cause:\u00ABELB us-east-1\u00BB");

        Assert.Equal("Streaming fails on many devices", values["title"]);
        Assert.Equal("TV, consoles", values["segments"]);
        Assert.Equal("ELB us-east-1", values["cause"]);
    }

    [Fact]
    public void TryBind_SameServiceTwiceByAlias_CountsOnce()
    {
        var values = Bind("incident open streaming,video,Netflix minor Slow");

        Assert.Equal(["streaming"], ((ImmutableArray<string>)values["services"]).ToArray());
    }

    [Theory]
    [InlineData("uptime 7", null, 7L)]
    [InlineData("uptime streaming", "streaming", null)]
    [InlineData("uptime sign-in 30", "sign-in", 30L)]
    [InlineData("uptime \"log in\" 2", "sign-in", 2L)]
    public void TryBind_OptionalPositional_IsSkippedWhenTheWordFitsTheNext(string text, string? service, long? days)
    {
        var values = Bind(text);

        Assert.Equal(service, values.GetValueOrDefault("service"));
        Assert.Equal(days, (long?)values.GetValueOrDefault("days"));
    }

    [Theory]
    [InlineData("major", ServiceStatus.MajorOutage)]
    [InlineData("major_outage", ServiceStatus.MajorOutage)]
    [InlineData("major-outage", ServiceStatus.MajorOutage)]
    [InlineData("down", ServiceStatus.MajorOutage)]
    [InlineData("partial", ServiceStatus.PartialOutage)]
    [InlineData("degraded", ServiceStatus.DegradedPerformance)]
    [InlineData("slow", ServiceStatus.DegradedPerformance)]
    [InlineData("maintenance", ServiceStatus.UnderMaintenance)]
    [InlineData("up", ServiceStatus.Operational)]
    [InlineData("Operational", ServiceStatus.Operational)]
    public void TryBind_ShortStatusNames_MapToStatuses(string word, ServiceStatus expected)
    {
        var values = Bind("service set streaming " + word);

        Assert.Equal(expected, values["status"]);
    }

    [Theory]
    [InlineData("incident show INC-7", "INC-7")]
    [InlineData("incident show inc-7", "INC-7")]
    [InlineData("incident show #7", "INC-7")]
    [InlineData("incident show 7", "INC-7")]
    [InlineData("incident show 007", "INC-7")]
    public void TryBind_IncidentIdForms_Normalized(string text, string id)
    {
        var values = Bind(text);

        Assert.Equal(id, values["id"]);
    }

    [Fact]
    public void TryBind_ServiceSetWithNote_NoteTakesTheRest()
    {
        var values = Bind("service set api degraded Slow responses in us-east-1 (12:30 UTC)");

        Assert.Equal("Slow responses in us-east-1 (12:30 UTC)", values["note"]);
    }

    [Theory]
    [InlineData("incident open", CommandErrorKind.MissingOption, "services")]
    [InlineData("incident open streaming", CommandErrorKind.MissingOption, "impact")]
    [InlineData("incident open streaming major", CommandErrorKind.MissingOption, "title")]
    [InlineData("incident update 1 identified", CommandErrorKind.MissingOption, "message")]
    [InlineData("service set streaming", CommandErrorKind.MissingOption, "status")]
    [InlineData("status streaming website", CommandErrorKind.UnexpectedArgument, null)]
    [InlineData("incident list now", CommandErrorKind.UnexpectedArgument, null)]
    [InlineData("status teleport", CommandErrorKind.UnknownService, "service")]
    [InlineData("incident open streaming,teleport major Down", CommandErrorKind.UnknownService, "services")]
    [InlineData("incident open streaming huge Down", CommandErrorKind.InvalidChoice, "impact")]
    [InlineData("service set streaming sideways", CommandErrorKind.InvalidChoice, "status")]
    [InlineData("incident cause 1 certain ELB", CommandErrorKind.InvalidChoice, "confidence")]
    [InlineData("incident update 1 fixed all good", CommandErrorKind.InvalidChoice, "status")]
    [InlineData("incident show INC-x", CommandErrorKind.InvalidIncidentId, "id")]
    [InlineData("incident show 0", CommandErrorKind.InvalidIncidentId, "id")]
    [InlineData("incident show -3", CommandErrorKind.InvalidIncidentId, "id")]
    [InlineData("history lots", CommandErrorKind.NotANumber, "days")]
    [InlineData("history 0", CommandErrorKind.OutOfRange, "days")]
    [InlineData("history 366", CommandErrorKind.OutOfRange, "days")]
    [InlineData("uptime 91", CommandErrorKind.OutOfRange, "days")]
    [InlineData("incident open streaming major Down users:-5", CommandErrorKind.OutOfRange, "users")]
    [InlineData("incident open streaming major Down users:many", CommandErrorKind.NotANumber, "users")]
    [InlineData("incident cause 1 suspected ELB upstream:gcp", CommandErrorKind.UnknownUpstream, "upstream")]
    public void TryBind_BadInput_ClearError(string text, CommandErrorKind kind, string? option)
    {
        var error = Refuse(text);

        Assert.Equal(kind, error.Kind);
        if (option is not null)
        {
            Assert.Equal(option, error.Option);
        }
    }

    [Fact]
    public void TryBind_3000CharacterTitle_TooLongWithLimits()
    {
        var error = Refuse("incident open streaming major " + new string('x', 3000));

        Assert.Equal(CommandErrorKind.TooLong, error.Kind);
        Assert.Equal(["200", "3000"], error.Details);
    }

    [Theory]
    [InlineData("\u001b[31mred\u001b[0m")]
    [InlineData("bell\u0007")]
    [InlineData("nul\u0000byte")]
    [InlineData("c1\u009bcsi")]
    [InlineData("evil\u202Egnp.exe")]
    [InlineData("isolate\u2067x\u2069")]
    [InlineData("embed\u202Ax")]
    public void TryBind_ControlOrBidiCharacters_Refused(string title)
    {
        var error = Refuse("incident open streaming major " + title);

        Assert.Equal(CommandErrorKind.ForbiddenCharacters, error.Kind);
        Assert.Equal("title", error.Option);
    }

    [Fact]
    public void TryBind_ControlCharacterInNamedOption_Refused()
    {
        var error = Refuse("incident open streaming major Down cause:\"elb\u001b]0;pwned\u0007\"");

        Assert.Equal(CommandErrorKind.ForbiddenCharacters, error.Kind);
        Assert.Equal("cause", error.Option);
    }

    [Fact]
    public void TryBind_NamedValueByDiscord_CheckedLikeTypedWords()
    {
        var input = CommandInput.Of(Catalog.IncidentOpen, new Dictionary<string, string>
        {
            ["services"] = "streaming",
            ["impact"] = "major",
            ["title"] = new string('y', 201),
        });

        Assert.False(CommandBinder.TryBind(input, Board, out _, out var error));

        Assert.Equal(CommandErrorKind.TooLong, error!.Kind);
    }

    [Fact]
    public void TryBind_UnknownNamedOptionFromAPlatform_Unexpected()
    {
        var input = CommandInput.Of(Catalog.Status, new Dictionary<string, string> { ["colour"] = "red" });

        Assert.False(CommandBinder.TryBind(input, Board, out _, out var error));

        Assert.Equal(CommandErrorKind.UnexpectedArgument, error!.Kind);
    }
}
