using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StatusBot.Announcing;

/// <summary>
/// A postmortem's Markdown as the public sees it (Markdig). Only a safe subset comes out: raw HTML is never passed (it
/// shows as text), links keep their target only when it is an absolute <c>http</c>, <c>https</c> or <c>mailto</c> address
/// (anything else, <c>javascript:</c> included, keeps its words and loses the link), and images show as links to them, so a
/// page never loads what a postmortem points at.
/// </summary>
public static class PostmortemMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .DisableHtml()
        .Build();

    /// <summary>The HTML of <paramref name="markdown"/>, safe to put inside a page.</summary>
    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (!IsSafe(link.Url))
            {
                // Its words stay, the link goes.
                link.ReplaceBy(new ContainerInline());
                continue;
            }

            link.IsImage = false;
            link.GetAttributes().AddPropertyIfNotExist("rel", "nofollow noopener noreferrer");
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!IsSafe(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>The words of <paramref name="markdown"/> without its markup, for a chat post.</summary>
    public static string ToPlainText(string markdown) => Markdown.ToPlainText(markdown, Pipeline).Trim();

    private static bool IsSafe(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto";
}
