using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace StatusBot.Host.Web.Pages;

/// <summary>A tiny HTML builder: every text goes through the encoder, so user-typed titles can never become markup.</summary>
internal sealed class HtmlWriter
{
    // Every script as itself (accents, emoji); only markup characters are escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly StringBuilder _sb = new(16 * 1024);

    public HtmlWriter Raw(string html)
    {
        _sb.Append(html);
        return this;
    }

    public HtmlWriter Text(string? text)
    {
        _sb.Append(Encoder.Encode(text ?? ""));
        return this;
    }

    /// <summary><c>&lt;tag class="…"&gt;text&lt;/tag&gt;</c> with the text encoded.</summary>
    public HtmlWriter Element(string tag, string? cssClass, string? text)
    {
        _sb.Append('<').Append(tag);
        if (cssClass is not null)
        {
            _sb.Append(" class=\"").Append(Encoder.Encode(cssClass)).Append('"');
        }

        _sb.Append('>');
        Text(text);
        _sb.Append("</").Append(tag).Append('>');
        return this;
    }

    public HtmlWriter Attribute(string name, string value)
    {
        _sb.Append(' ').Append(name).Append("=\"").Append(Encoder.Encode(value)).Append('"');
        return this;
    }

    public override string ToString() => _sb.ToString();
}
