using System.Collections.Immutable;
using StatusBot.Core.Commands;
using StatusBot.Core.Domain;
using StatusBot.Core.State;
using StatusBot.Testing;

namespace StatusBot.Core.Tests.Commands;

public sealed class TypedValuesBinderTests
{
    private static readonly BoardState Board = BoardState.Create(DemoCatalog.Services, DemoCatalog.Upstreams);

    private static CommandInput Open(string[] services, long? users, string[]? segments = null) =>
        CommandInput.Typed(Catalog.IncidentOpen, new Dictionary<string, object?>
        {
            ["services"] = services,
            ["impact"] = "major",
            ["title"] = "Streaming fails",
            ["segments"] = segments,
            ["users"] = users,
        });

    [Fact]
    public void TryBind_TypedListAndNumber_BoundWithoutText()
    {
        Assert.True(CommandBinder.TryBind(Open(["video", "site", "streaming"], 27_000_000, ["TV", "consoles"]), Board, out var values, out var error), error?.ToString());

        Assert.Equal(["streaming", "website"], ((ImmutableArray<string>)values["services"]).ToArray());
        Assert.Equal(Impact.Major, values["impact"]);
        Assert.Equal(27_000_000L, values["users"]);
        Assert.Equal("TV, consoles", values["segments"]);
    }

    [Fact]
    public void TryBind_TypedNumberOutOfRange_RefusedNamingTheOption()
    {
        Assert.False(CommandBinder.TryBind(Open(["streaming"], -1), Board, out _, out var error));

        Assert.Equal(CommandErrorKind.OutOfRange, error!.Kind);
        Assert.Equal("users", error.Option);
    }

    [Fact]
    public void TryBind_TypedListWithUnknownService_RefusedNamingTheService()
    {
        Assert.False(CommandBinder.TryBind(Open(["streaming", "teleport"], null), Board, out _, out var error));

        Assert.Equal(CommandErrorKind.UnknownService, error!.Kind);
        Assert.Equal("teleport", error.Value);
    }
}
