namespace Relay.Dashboard.Api.Models;

/// <summary><c>GET /api/stats</c>: what is stored, and what was evicted or dropped since start.</summary>
internal sealed record StatsView(
    int Traces,
    long Spans,
    long Logs,
    long MetricPoints,
    int PendingBatches,
    long DroppedBatches,
    long EvictedTraces,
    long EvictedLogs,
    long EvictedMetricPoints,
    long DroppedSpans,
    long DroppedMetricPoints);
