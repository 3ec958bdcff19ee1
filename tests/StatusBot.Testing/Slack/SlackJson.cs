using System.Text.Json;
using System.Text.RegularExpressions;

namespace StatusBot.Testing.Slack;

/// <summary>Reads what Slack would read out of a message body.</summary>
public static partial class SlackJson
{
    /// <summary>
    /// The text without StatusBot's own date formatting of times (<c>&lt;!date^1356383700^{time}|21:15 UTC&gt;</c>), the one
    /// control sequence a message may carry: what is left must hold no other.
    /// </summary>
    public static string WithoutDates(string text) => SlackDate().Replace(text, "");

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

    [GeneratedRegex(@"<!date\^[0-9]+\^\{(time|date_short|date_short_pretty)\}( \{time\})?\|[^<>|]*>")]
    private static partial Regex SlackDate();
}
