namespace Relay.Dashboard.Storage;

/// <summary>
/// A log record as kept in memory. <see cref="Category"/> is the instrumentation scope name (the .NET logger
/// category); ids are lowercase hex or null; <see cref="Sequence"/> orders records that share a timestamp.
/// </summary>
internal sealed record StoredLog(
    ResourceKey Resource,
    string Category,
    long TimeUnixNano,
    int SeverityNumber,
    string? SeverityText,
    string Body,
    KeyValuePair<string, string>[] Attributes,
    string? TraceId,
    string? SpanId)
{
    public long Sequence { get; set; }
}
