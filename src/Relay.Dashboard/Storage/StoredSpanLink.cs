namespace Relay.Dashboard.Storage;

internal sealed record StoredSpanLink(string TraceId, string SpanId);
