using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StatusBot.Host.Web.Statuspage;

/// <summary>
/// Times as Statuspage writes them: UTC, milliseconds, <c>Z</c> (<c>2026-12-07T13:31:08.050Z</c>). The default's seven
/// fractional digits and <c>+00:00</c> break Python's <c>fromisoformat</c> before 3.11 and every <c>strptime</c> with <c>%f</c>.
/// </summary>
internal sealed class StatuspageTimeConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
}
