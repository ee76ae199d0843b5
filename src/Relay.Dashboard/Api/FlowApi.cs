using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Relay.Dashboard.Api.Models;
using Relay.Dashboard.Flow;
using Relay.Dashboard.Storage;

namespace Relay.Dashboard.Api;

internal static class FlowApi
{
    /// <summary>Long enough to smooth the 1 s export interval of run mode, short enough to follow a change.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    public static RouteHandlerBuilder MapFlowApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet(DashboardRoutes.Flow, GetFlow);

    /// <summary><c>GET /api/flow</c>: message rates per edge, open connections and delivery latency, from the metric store.</summary>
    public static Ok<FlowView> GetFlow(MetricStore metrics, IDashboardResources resources, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var since = (now - Window - DateTimeOffset.UnixEpoch).Ticks * TimeSpan.NanosecondsPerTick;
        return TypedResults.Ok(FlowCalculator.Compute(FlowSampler.Sample(metrics, since), resources.GetResources(), now, Window));
    }
}
