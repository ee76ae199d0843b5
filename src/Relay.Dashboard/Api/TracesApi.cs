using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Relay.Dashboard.Api.Models;
using Relay.Dashboard.Storage;

namespace Relay.Dashboard.Api;

internal static class TracesApi
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1_000;

    public static RouteGroupBuilder MapTracesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(DashboardRoutes.Traces);
        group.MapGet(string.Empty, ListTraces);
        group.MapGet("/{traceId}", GetTrace);
        return group;
    }

    /// <summary><c>GET /api/traces?service=&amp;q=&amp;minDurationMs=&amp;limit=</c>, newest first.</summary>
    public static Ok<List<TraceSummary>> ListTraces(TraceStore store, string? service, string? q, double? minDurationMs, int? limit) =>
        TypedResults.Ok(store.Query(new TraceFilter(service, q, minDurationMs), QueryLimit.Clamp(limit, DefaultLimit, MaxLimit), TraceViews.Summary));

    public static Results<Ok<TraceDetail>, ProblemHttpResult> GetTrace(string traceId, TraceStore store) =>
        store.TryGet(traceId, TraceViews.Detail, out var detail)
            ? TypedResults.Ok(detail!)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Trace not found",
                detail: $"No trace {traceId} is stored: it is unknown, or it was evicted.");
}
