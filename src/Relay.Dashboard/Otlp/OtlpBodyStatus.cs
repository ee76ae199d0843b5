namespace Relay.Dashboard.Otlp;

internal enum OtlpBodyStatus
{
    Ok,
    TooLarge,
    UnsupportedEncoding,
    CorruptCompression,
}
