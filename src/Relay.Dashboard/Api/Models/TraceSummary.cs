namespace Relay.Dashboard.Api.Models;

/// <summary>An entry of <c>GET /api/traces</c>.</summary>
internal sealed record TraceSummary(
    string TraceId,
    string RootName,
    string RootService,
    IReadOnlyList<string> Services,
    int SpanCount,
    double DurationMs,
    bool HasError,
    DateTimeOffset StartTime);
