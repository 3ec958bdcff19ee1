using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace StatusBot.Host.Tests.Web;

/// <summary>The Statuspage JSON's small print, as clients that parse it strictly expect it.</summary>
public sealed partial class StatuspageWireTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    private static readonly string[] Routes =
    [
        "/api/v2/summary.json", "/api/v2/components.json", "/api/v2/incidents.json", "/api/v2/incidents/unresolved.json",
        "/api/v2/scheduled-maintenances.json", "/api/v2/status.json",
    ];

    [Fact]
    public async Task EveryRoute_EveryTime_HasMillisecondsInUtcWithZ()
    {
        await serve.RunAsync("maintenance schedule billing in:2h 90m Upgrade");
        var times = new List<string>();
        foreach (var route in Routes)
        {
            Collect(JsonDocument.Parse(await serve.Client.GetStringAsync(route)).RootElement, times);
        }

        Assert.NotEmpty(times);
        Assert.All(times, t => Assert.Matches(StatuspageTime(), t));

        // What Python's datetime.strptime(t, "%Y-%m-%dT%H:%M:%S.%fZ") accepts.
        Assert.All(times, t => DateTime.ParseExact(t, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Components_EveryOne_HasAStartDate()
    {
        var components = JsonDocument.Parse(await serve.Client.GetStringAsync("/api/v2/components.json")).RootElement.GetProperty("components");

        Assert.All(components.EnumerateArray(), c => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", c.GetProperty("start_date").GetString()));
        Assert.Equal(
            DateOnly.FromDateTime(serve.Services.GetRequiredService<StatusBot.Core.Board.StatusBoard>().Current.Epoch!.Value.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            components[0].GetProperty("start_date").GetString());
    }

    /// <summary>Every string under a key ending in <c>_at</c>, <c>_for</c> or <c>_until</c> (Statuspage's time keys).</summary>
    private static void Collect(JsonElement element, List<string> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    if (p.Value.ValueKind == JsonValueKind.String && (p.Name.EndsWith("_at", StringComparison.Ordinal) || p.Name is "scheduled_for" or "scheduled_until"))
                    {
                        into.Add(p.Value.GetString()!);
                    }
                    else
                    {
                        Collect(p.Value, into);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, into);
                }

                break;
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex StatuspageTime();
}
