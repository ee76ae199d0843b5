using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Relay.Dashboard.Api.Models;
using Relay.Dashboard.Storage;

namespace Relay.Dashboard.Api;

internal static class MetricsApi
{
    // Ten minutes at run mode's 1 s export interval: enough for a chart, bounded per request.
    private const int MaxPoints = 600;

    public static RouteHandlerBuilder MapMetricsApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet(DashboardRoutes.Metrics, ListMetrics);

    /// <summary>
    /// <c>GET /api/metrics?service=&amp;points=</c>: every resource's instruments with a summary and a series of
    /// <c>points</c> intervals (30 by default).
    /// </summary>
    public static Ok<List<MetricResourceView>> ListMetrics(MetricStore store, string? service, int? points)
    {
        var length = QueryLimit.Clamp(points, InstrumentViews.DefaultSeriesLength, MaxPoints);
        return TypedResults.Ok(store.Query(service, (resource, instruments) => new MetricResourceView(
            resource.Service,
            resource.Instance,
            instruments.Select(i => InstrumentViews.Create(i, length)).ToList())));
    }
}
