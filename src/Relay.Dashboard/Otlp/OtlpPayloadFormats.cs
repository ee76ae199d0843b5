using Microsoft.Net.Http.Headers;

namespace Relay.Dashboard.Otlp;

internal static class OtlpPayloadFormats
{
    public const string ProtobufContentType = "application/x-protobuf";
    public const string JsonContentType = "application/json";

    public static OtlpPayloadFormat From(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return OtlpPayloadFormat.Unsupported;
        }

        if (media.MediaType.Equals(ProtobufContentType, StringComparison.OrdinalIgnoreCase))
        {
            return OtlpPayloadFormat.Protobuf;
        }

        return media.MediaType.Equals(JsonContentType, StringComparison.OrdinalIgnoreCase)
            ? OtlpPayloadFormat.Json
            : OtlpPayloadFormat.Unsupported;
    }
}
