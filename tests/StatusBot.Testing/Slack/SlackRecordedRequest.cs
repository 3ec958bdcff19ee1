using System.Text.Json;

namespace StatusBot.Testing.Slack;

/// <summary>A request the emulator received, with when it arrived (monotonic) and what it answered.</summary>
public sealed record SlackRecordedRequest(string Method, string Path, string Body, string? Authorization, TimeSpan At, int Status)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Field(string name) =>
        Body.StartsWith('{') && Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
