using System.Globalization;
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

    /// <summary>Encoded text; a time in it (<see cref="TimeMarks"/>) is its UTC text, as in titles and attributes.</summary>
    public HtmlWriter Text(string? text)
    {
        _sb.Append(Encoder.Encode(TimeMarks.Plain(text ?? "")));
        return this;
    }

    /// <summary>
    /// Encoded text in which each time becomes <c>&lt;time datetime="…Z" data-local&gt;23:30 UTC&lt;/time&gt;</c>: the UTC
    /// text for every reader, and the page's script adds the visitor's own time beside it.
    /// </summary>
    public HtmlWriter Timed(string? text)
    {
        _sb.Append(TimeMarks.Render(text ?? "", Encoder.Encode, TimeElement));
        return this;
    }

    /// <summary><c>&lt;time datetime="…Z" data-local&gt;</c> and the encoded UTC text.</summary>
    public HtmlWriter Time(DateTimeOffset at, string text)
    {
        _sb.Append("<time datetime=\"").Append(Iso(at)).Append("\" data-local>").Append(Encoder.Encode(TimeMarks.Plain(text))).Append("</time>");
        return this;
    }

    public static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // A relative time ("in 25 minutes") is not a clock: the script leaves it alone.
    private static string TimeElement(TimeMark mark) =>
        "<time datetime=\"" + Iso(mark.At) + "\"" + (mark.Style == TimeMarks.RelativeStyle ? "" : " data-local") + ">" + Encoder.Encode(mark.Text) + "</time>";

    /// <summary><c>&lt;tag class="…"&gt;text&lt;/tag&gt;</c> with the text encoded and its times as <c>&lt;time&gt;</c>.</summary>
    public HtmlWriter Element(string tag, string? cssClass, string? text)
    {
        _sb.Append('<').Append(tag);
        if (cssClass is not null)
        {
            _sb.Append(" class=\"").Append(Encoder.Encode(cssClass)).Append('"');
        }

        _sb.Append('>');
        Timed(text);
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
