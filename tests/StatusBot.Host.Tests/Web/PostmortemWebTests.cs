using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using StatusBot.Core.Board;

namespace StatusBot.Host.Tests.Web;

/// <summary>A postmortem through the admin API, then on the incident page, in the feed and in the Statuspage JSON.</summary>
public sealed class PostmortemWebTests(AdminServeFixture serve) : IClassFixture<AdminServeFixture>
{
    private const string Hostile =
        "## What comes next\n\nWe now keep **two** copies of the state. See [the runbook](https://runbooks.example.com/elb).\n\n" +
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[click me](javascript:alert(3)) and <javascript:alert(4)>\n\n" +
        "![tracker](https://tracker.example.com/pixel.png)\n\n- Line one\n- Line two\n";

    private StatusBoard Board => serve.Services.GetRequiredService<StatusBoard>();

    [Fact]
    public async Task DraftEditPublish_ThroughTheAdminApi_ShowsSafelyOnThePageTheFeedAndTheJson()
    {
        using var drafted = await serve.Client.SendAsync(Request(HttpMethod.Post, "/api/admin/incidents/INC-2/postmortem", "{}"));
        var draft = await serve.Client.GetFromJsonAsync<JsonObject>("/api/v2/incidents.json");
        using var edited = await serve.Client.SendAsync(Request(HttpMethod.Put, "/api/admin/incidents/INC-2/postmortem", JsonSerializer.Serialize(new { body = Hostile.Replace("\n", "\r\n", StringComparison.Ordinal) })));
        using var published = await serve.Client.SendAsync(Request(HttpMethod.Post, "/api/admin/incidents/INC-2/postmortem/publish", "{}"));

        Assert.Equal(HttpStatusCode.OK, drafted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        // A draft is never public.
        Assert.False(Incident(draft!, "INC-2").AsObject().ContainsKey("postmortem_body"));
        var postmortem = Board.Current.Incidents["INC-2"].Postmortem!;
        Assert.Equal(Hostile.TrimEnd('\n'), postmortem.Body);
        Assert.Equal("deploy-pipeline", postmortem.PublishedBy!.DisplayName);

        var page = await serve.Client.GetStringAsync("/incidents/INC-2?lang=en");
        var section = page[page.IndexOf("<section class=\"postmortem\"", StringComparison.Ordinal)..page.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains("<h2>What comes next</h2>", section, StringComparison.Ordinal);
        Assert.Contains("<strong>two</strong>", section, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://runbooks.example.com/elb\" rel=\"nofollow noopener noreferrer\">the runbook</a>", section, StringComparison.Ordinal);
        Assert.Contains("<li>Line two</li>", section, StringComparison.Ordinal);
        AssertInert(section);

        var feed = XDocument.Parse(await serve.Client.GetStringAsync("/feed.atom?lang=en"));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entry = Assert.Single(feed.Root!.Elements(atom + "entry"), e => e.Element(atom + "id")!.Value.EndsWith("/incidents/INC-2#postmortem", StringComparison.Ordinal));
        Assert.Equal("INC-2 · Slow API — postmortem", entry.Element(atom + "title")!.Value);
        var content = entry.Element(atom + "content")!;
        Assert.Equal("html", content.Attribute("type")!.Value);
        Assert.Contains("<strong>two</strong>", content.Value, StringComparison.Ordinal);
        AssertInert(content.Value);

        var json = await serve.Client.GetFromJsonAsync<JsonObject>("/api/v2/incidents.json");
        var incident = Incident(json!, "INC-2");
        Assert.Equal(postmortem.Body, incident["postmortem_body"]!.GetValue<string>());
        Assert.Equal(postmortem.PublishedAt, incident["postmortem_published_at"]!.GetValue<DateTimeOffset>());
        Assert.False(Incident(json!, "INC-1").AsObject().ContainsKey("postmortem_body"));
    }

    [Fact]
    public async Task Put_WithoutTheToken_Is401_AndChangesNothing()
    {
        var before = Board.Current.Sequence;

        using var response = await serve.Client.SendAsync(Request(HttpMethod.Put, "/api/admin/incidents/INC-2/postmortem", """{"body":"Taken over"}""", token: null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, Board.Current.Sequence);
    }

    [Theory]
    [InlineData("/api/admin/incidents/INC-2/postmortem", """{"body":"  "}""", HttpStatusCode.BadRequest, "Markdown text is required")]
    [InlineData("/api/admin/incidents/INC-99/postmortem", """{"body":"Text"}""", HttpStatusCode.NotFound, "There is no incident 'INC-99'")]
    [InlineData("/api/admin/incidents/INC-1/postmortem", """{"body":"Text"}""", HttpStatusCode.Conflict, "INC-1 is not resolved yet")]
    public async Task Put_BadRequests_AnswerAProblem_AndChangeNothing(string path, string body, HttpStatusCode expected, string title)
    {
        var before = Board.Current.Sequence;

        using var response = await serve.Client.SendAsync(Request(HttpMethod.Put, path, body));

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains(title, (await response.Content.ReadFromJsonAsync<JsonObject>())!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, Board.Current.Sequence);
    }

    [Fact]
    public async Task Put_LargerThan64KiB_Is413()
    {
        using var response = await serve.Client.SendAsync(Request(HttpMethod.Put, "/api/admin/incidents/INC-2/postmortem", JsonSerializer.Serialize(new { body = new string('x', 70_000) })));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    /// <summary>Raw HTML shows as text, and no script, event handler, javascript: link or remote image reaches the reader.</summary>
    private static void AssertInert(string html)
    {
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"<[^>]*\son\w+\s*=", html);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("click me", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://tracker.example.com/pixel.png\"", html, StringComparison.Ordinal);
    }

    private static JsonNode Incident(JsonObject json, string id) =>
        json["incidents"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == id)!;

    private static HttpRequestMessage Request(HttpMethod method, string path, string body, string? token = AdminServeFixture.Token)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}
