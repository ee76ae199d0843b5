namespace Relay.Dashboard.Storage;

/// <summary>
/// A span as kept in memory. The trace id lives once on its <see cref="StoredTrace"/>; ids are lowercase hex;
/// <see cref="ParentSpanId"/> is empty for a root span; times are Unix nanoseconds.
/// </summary>
internal sealed record StoredSpan(
    ResourceKey Resource,
    string Scope,
    string SpanId,
    string ParentSpanId,
    string Name,
    string Kind,
    long StartUnixNano,
    long EndUnixNano,
    string StatusCode,
    string? StatusMessage,
    KeyValuePair<string, string>[] Attributes,
    StoredSpanEvent[] Events,
    StoredSpanLink[] Links);
