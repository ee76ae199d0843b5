using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Relay.Dashboard.Api.Models;
using Relay.Dashboard.Otlp;
using Relay.Dashboard.Storage;

namespace Relay.Dashboard.Api;

internal static class StatsApi
{
    public static RouteHandlerBuilder MapStatsApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet(DashboardRoutes.Stats, GetStats);

    public static Ok<StatsView> GetStats(
        TraceStore traces, LogStore logs, MetricStore metrics, OtlpIngestQueue queue, TelemetryCounters counters)
    {
        var (traceCount, spanCount) = traces.Count();
        return TypedResults.Ok(new StatsView(
            traceCount,
            spanCount,
            logs.Count(),
            metrics.Count(),
            queue.PendingBatches,
            queue.DroppedBatches,
            counters.EvictedTraces,
            counters.EvictedLogs,
            counters.EvictedMetricPoints,
            counters.DroppedSpans,
            counters.DroppedMetricPoints));
    }
}
