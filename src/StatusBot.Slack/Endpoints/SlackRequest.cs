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
}
