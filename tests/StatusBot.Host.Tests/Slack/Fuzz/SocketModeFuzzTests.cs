using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using StatusBot.Slack.Json;
using StatusBot.Slack.SocketMode;
using StatusBot.Testing.Fuzz;

namespace StatusBot.Host.Tests.Slack.Fuzz;

/// <summary>
/// Socket Mode frames of any shape, read the way the connection reads them: a frame that parses and carries an envelope
/// id is handled without an exception escaping, and acknowledged with its own id (an unacknowledged envelope is redelivered
/// forever). Viewers' envelopes never change the board.
/// </summary>
public sealed class SocketModeFuzzTests
{
    private static readonly string[] Words =
    [
        "slash_commands", "events_api", "interactive", "hello", "disconnect", "event_callback", "app_mention", "message", "block_actions",
        "/statusbot", "/incident", "/why", "status", "incident open api minor x", "why streaming", "help", "U-VIEWER", "C1", "", "null",
        "@everyone", "\u202E", "incident_resolve", "INC-1",
    ];

    private static readonly string[] Keys =
    [
        "type", "envelope_id", "payload", "accepts_response_payload", "retry_attempt", "command", "text", "user_id", "user_name",
        "channel_id", "event", "event_id", "user", "channel", "actions", "action_id", "value", "id", "ts", "team", "authorizations",
    ];

    private static readonly Gen<string> Text = Gen.Frequency((4, Gen.OneOf(Words)), (1, Gen.String[Gen.Char, 0, 30]));

    private static readonly Gen<JsonNode?> Leaf = Gen.Frequency(
        (4, Text.Select(s => (JsonNode?)JsonValue.Create(s))),
        (1, Gen.Long.Select(n => (JsonNode?)JsonValue.Create(n))),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (1, Gen.Const(() => (JsonNode?)null)));

    /// <summary>Envelope-shaped frames (so the handler's branches are reached) and arbitrary JSON or bytes.</summary>
    private static readonly Gen<byte[]> Frame = Gen.Frequency(
        (4, Gen.Select(Gen.OneOf("slash_commands", "events_api", "interactive", "nope"), Node(3), Gen.Bool).Select((type, payload, accepts) =>
            Encoding.UTF8.GetBytes(new JsonObject
            {
                ["type"] = type,
                ["envelope_id"] = Guid.NewGuid().ToString("N"),
                ["accepts_response_payload"] = accepts,
                ["payload"] = payload,
            }.ToJsonString()))),
        (2, Node(3).Select(n => Encoding.UTF8.GetBytes(n?.ToJsonString() ?? "null"))),
        (1, Gen.Byte.Array[0, 200]));

    [Fact]
    public async Task HandleAsync_AnyFrame_NeverThrows_AndAcknowledgesItsEnvelope()
    {
        await using var host = await SlackHost.StartAsync();
        var handler = host.Services.GetRequiredService<SlackEnvelopeHandler>();
        var before = host.Board.Current;

        await Frame.SampleAsync(async bytes =>
        {
            SocketFrame? frame;
            try
            {
                frame = JsonSerializer.Deserialize(bytes, SlackJsonContext.Default.SocketFrame);
            }
            catch (JsonException)
            {
                return;
            }

            if (frame is not { EnvelopeId.Length: > 0 })
            {
                return;
            }

            var ack = await handler.HandleAsync(frame, CancellationToken.None);

            Assert.Equal(frame.EnvelopeId, ack.EnvelopeId);
        }, iter: FuzzBudget.Iterations(1_500), threads: 1);

        Assert.Same(before, host.Board.Current);
    }

    private static Gen<JsonNode?> Node(int depth) => FuzzJson.Node(Keys, Leaf, depth);
}
