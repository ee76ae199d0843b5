namespace Relay.Dashboard.Otlp;

/// <summary>The two OTLP/HTTP encodings; the response uses the request's.</summary>
internal enum OtlpPayloadFormat
{
    Unsupported,
    Protobuf,
    Json,
}
