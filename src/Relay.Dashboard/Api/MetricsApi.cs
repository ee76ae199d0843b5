using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Relay.Dashboard.Api.Models;
using Relay.Dashboard.Storage;

namespace Relay.Dashboard.Api;

internal static class MetricsApi
{
    public static RouteHandlerBuilder MapMetricsApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet(DashboardRoutes.Metrics, ListMetrics);

    /// <summary><c>GET /api/metrics?service=</c>: every resource's instruments with a summary and a short series.</summary>
    public static Ok<List<MetricResourceView>> ListMetrics(MetricStore store, string? service) =>
        TypedResults.Ok(store.Query(service, (resource, instruments) => new MetricResourceView(
            resource.Service,
            resource.Instance,
            instruments.Select(InstrumentViews.Create).ToList())));
}
