using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Google.Protobuf;

namespace Relay.Dashboard.Otlp;

/// <summary>
/// Decodes OTLP/JSON. It is protobuf's JSON mapping (lowerCamelCase names, enums as integers, 64-bit
/// integers as numbers or strings) with one exception Google.Protobuf's parser does not know: trace and
/// span ids are hex strings, not base64. The ids are re-encoded as base64 in one streaming pass first.
/// </summary>
internal static class OtlpJson
{
    private const int MaxDepth = 128;

    // OTLP/JSON receivers must ignore unknown fields: newer exporters may send fields this build lacks.
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = MaxDepth,
        SkipValidation = true,
    };

    /// <exception cref="FormatException">An id is not hex.</exception>
    /// <exception cref="JsonException">The body is not JSON.</exception>
    /// <exception cref="InvalidProtocolBufferException">The JSON does not fit the message.</exception>
    public static T Parse<T>(ReadOnlySpan<byte> utf8Json) where T : IMessage, new() =>
        Parser.Parse<T>(HexIdsToBase64(utf8Json));

    private static string HexIdsToBase64(ReadOnlySpan<byte> utf8Json)
    {
        var output = new ArrayBufferWriter<byte>(utf8Json.Length + 64);
        using (var writer = new Utf8JsonWriter(output, WriterOptions))
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepth });
            var idComesNext = false;
            while (reader.Read())
            {
                var isId = idComesNext;
                idComesNext = false;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        idComesNext = IsIdProperty(ref reader);
                        writer.WritePropertyName(reader.GetString()!);
                        break;
                    case JsonTokenType.String when isId:
                        writer.WriteBase64StringValue(Convert.FromHexString(reader.GetString()!));
                        break;
                    case JsonTokenType.String:
                        writer.WriteStringValue(reader.GetString());
                        break;
                    case JsonTokenType.Number when IsLongInteger(reader.ValueSpan):
                        // Google.Protobuf reads JSON numbers as doubles, which round nanosecond timestamps;
                        // as strings they are parsed exactly. Only 64-bit fields hold integers this long.
                        writer.WriteStringValue(Encoding.UTF8.GetString(reader.ValueSpan));
                        break;
                    case JsonTokenType.Number:
                        writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                        break;
                    case JsonTokenType.True or JsonTokenType.False:
                        writer.WriteBooleanValue(reader.GetBoolean());
                        break;
                    case JsonTokenType.Null:
                        writer.WriteNullValue();
                        break;
                    case JsonTokenType.StartObject:
                        writer.WriteStartObject();
                        break;
                    case JsonTokenType.EndObject:
                        writer.WriteEndObject();
                        break;
                    case JsonTokenType.StartArray:
                        writer.WriteStartArray();
                        break;
                    case JsonTokenType.EndArray:
                        writer.WriteEndArray();
                        break;
                }
            }
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    // Doubles are exact up to 15 significant digits; enums and 32-bit fields never get near.
    private static bool IsLongInteger(ReadOnlySpan<byte> number) =>
        number.Length > 15 && number.IndexOfAny(".eE"u8) < 0;

    // Every bytes field named like this in OTLP is an id (spans, links, log records, exemplars).
    private static bool IsIdProperty(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("traceId"u8) || reader.ValueTextEquals("spanId"u8) || reader.ValueTextEquals("parentSpanId"u8)
        || reader.ValueTextEquals("trace_id"u8) || reader.ValueTextEquals("span_id"u8) || reader.ValueTextEquals("parent_span_id"u8);
}
