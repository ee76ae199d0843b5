using Google.Protobuf;

namespace Relay.Dashboard.Otlp;

internal static class OtlpIds
{
    public const int TraceIdLength = 16;
    public const int SpanIdLength = 8;

    /// <summary>Lowercase hex, as W3C traceparent and the OTLP/JSON encoding write ids; empty for no id.</summary>
    public static string ToHex(ByteString id) => id.IsEmpty ? string.Empty : Convert.ToHexStringLower(id.Span);

    public static string? ToHexOrNull(ByteString id) => id.IsEmpty ? null : Convert.ToHexStringLower(id.Span);
}
