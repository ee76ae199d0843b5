using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Relay.Contracts;

/// <summary>
/// Writes <c>2026-11-22T20:39:01.123Z</c>: UTC, always three fraction digits, as docs/protocol.md shows.
/// The default converter would write <c>+00:00</c> and drop trailing zeros of the fraction, so the envelope,
/// the Api's answer and the WebSocket frame would each spell the same instant differently.
/// </summary>
public sealed class UtcMillisecondsJsonConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<byte> buffer = stackalloc byte[Format.Length];
        value.UtcDateTime.TryFormat(buffer, out var written, Format, CultureInfo.InvariantCulture);
        writer.WriteStringValue(buffer[..written]);
    }
}
