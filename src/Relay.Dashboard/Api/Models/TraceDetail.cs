namespace Relay.Dashboard.Api.Models;

/// <summary><c>GET /api/traces/{traceId}</c>: the spans ordered by start time.</summary>
internal sealed record TraceDetail(
    string TraceId,
    DateTimeOffset StartTime,
    double DurationMs,
    IReadOnlyList<SpanView> Spans);
