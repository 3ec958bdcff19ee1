using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace StatusBot.Slack.Endpoints;

/// <summary>The verified raw body of a Slack request, as <see cref="SlackSignatureFilter"/> left it.</summary>
public static class SlackRequest
{
    public const string BodyKey = "StatusBot.Slack.Body";

    public static byte[] Body(HttpContext context) =>
        context.Items[BodyKey] as byte[] ?? throw new InvalidOperationException("The Slack signature filter did not run.");

    /// <summary>Parses an <c>application/x-www-form-urlencoded</c> body (<c>+</c> is a space).</summary>
    public static Dictionary<string, StringValues> Form(byte[] body) =>
        QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));

    public static string Field(Dictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out var value) ? value.ToString() : "";

    /// <summary>
    /// Reads only the fields named from an <c>application/x-www-form-urlencoded</c> body, as <see cref="Form"/> and
    /// <see cref="Field"/> would (names without regard to case, <c>+</c> is a space, a repeated field's values joined with
    /// commas, "" for a field absent), without decoding the body as a whole or the fields nobody reads.
    /// </summary>
    public static void Fields(ReadOnlySpan<byte> body, ReadOnlySpan<string> names, Span<string> values)
    {
        if (values.Length < names.Length)
        {
            throw new ArgumentException("One value for each name.", nameof(values));
        }

        Span<bool> seen = stackalloc bool[names.Length];
        if (!body.IsEmpty && body[0] == (byte)'?')
        {
            body = body[1..];
        }

        while (!body.IsEmpty)
        {
            var end = body.IndexOf((byte)'&');
            var pair = end < 0 ? body : body[..end];
            body = end < 0 ? default : body[(end + 1)..];
            var equals = pair.IndexOf((byte)'=');
            var name = equals < 0 ? pair : pair[..equals];
            var index = name.IsEmpty ? -1 : IndexOf(names, name);
            if (index < 0)
            {
                continue;
            }

            var value = equals < 0 ? "" : Decode(pair[(equals + 1)..]);
            values[index] = seen[index] ? values[index] + "," + value : value;
            seen[index] = true;
        }

        for (var i = 0; i < names.Length; i++)
        {
            if (!seen[i])
            {
                values[i] = "";
            }
        }
    }

    private static int IndexOf(ReadOnlySpan<string> names, ReadOnlySpan<byte> encodedName)
    {
        if (encodedName.IndexOfAny((byte)'%', (byte)'+') >= 0)
        {
            var decoded = Decode(encodedName);
            for (var i = 0; i < names.Length; i++)
            {
                if (string.Equals(decoded, names[i], StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            return -1;
        }

        for (var i = 0; i < names.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(encodedName, names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Decode(ReadOnlySpan<byte> encoded)
    {
        // '&' and '=' are ASCII, so a field's bytes decode alone exactly as they would inside the whole body.
        var text = Encoding.UTF8.GetString(encoded);
        return encoded.IndexOfAny((byte)'%', (byte)'+') < 0 ? text : Uri.UnescapeDataString(text.Replace('+', ' '));
    }
}
