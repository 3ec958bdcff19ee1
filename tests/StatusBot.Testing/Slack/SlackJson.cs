using System.Text.Json;

namespace StatusBot.Testing.Slack;

/// <summary>Reads what Slack would read out of a message body.</summary>
public static class SlackJson
{
    /// <summary>Every text Slack parses as mrkdwn: <c>mrkdwn</c> text objects in blocks (the top-level <c>text</c> is separate).</summary>
    public static IEnumerable<string> MrkdwnTexts(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("type", out var type) && type.GetString() == "mrkdwn" && element.TryGetProperty("text", out var text))
            {
                yield return text.GetString()!;
            }

            foreach (var property in element.EnumerateObject())
            {
                foreach (var inner in MrkdwnTexts(property.Value))
                {
                    yield return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var inner in MrkdwnTexts(item))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>All the words of a message (fallback text and every block text), for "does the answer say X" checks.</summary>
    public static string AllText(JsonElement message) =>
        message.GetProperty("text").GetString() + "\n" + string.Join("\n", MrkdwnTexts(message)) + "\n"
        + string.Join("\n", message.TryGetProperty("blocks", out var blocks)
            ? blocks.EnumerateArray().Where(b => b.GetProperty("type").GetString() == "header").Select(b => b.GetProperty("text").GetProperty("text").GetString())
            : []);
}
