using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Relay.Dashboard.Api.Models;
using Relay.Dashboard.Storage;

namespace Relay.Dashboard.Api;

internal static class ServicesApi
{
    public static RouteHandlerBuilder MapServicesApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet(DashboardRoutes.Services, ListServices);

    /// <summary>
    /// <c>GET /api/services</c>: every service and instance the pages can filter by, cheaply: the resources
    /// of the app model and whatever sent telemetry (a service may export before, or without, a resource).
    /// </summary>
    public static Ok<List<ServiceInstanceView>> ListServices(
        IDashboardResources resources, TraceStore traces, LogStore logs, MetricStore metrics)
    {
        var keys = new HashSet<ResourceKey>();
        keys.UnionWith(resources.GetResources().Select(r => new ResourceKey(r.Name, r.Instance)));
        keys.UnionWith(traces.Resources());
        keys.UnionWith(logs.Resources());
        keys.UnionWith(metrics.Resources());
        return TypedResults.Ok(keys
            .OrderBy(k => k.Service, StringComparer.Ordinal)
            .ThenBy(k => k.Instance, InstanceNameComparer.Instance)
            .Select(k => new ServiceInstanceView(k.Service, k.Instance))
            .ToList());
    }
}
