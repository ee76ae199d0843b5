using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace Relay.Dashboard.Hosting;

/// <summary>
/// Keeps the listeners apart: an endpoint tagged with <see cref="DashboardListenerMetadata"/> matches only
/// requests that arrived on that listener's port, so OTLP is not reachable on the frontend port and the API
/// is not reachable on the OTLP ports. It checks the socket's local port, not the Host header a client chooses.
/// </summary>
internal sealed class DashboardListenerMatcherPolicy(DashboardListeners listeners) : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(e => e.Metadata.GetMetadata<DashboardListenerMetadata>() is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var port = httpContext.Connection.LocalPort;
        for (var i = 0; i < candidates.Count; i++)
        {
            var listener = candidates[i].Endpoint.Metadata.GetMetadata<DashboardListenerMetadata>();
            if (listener is not null && listeners.PortOf(listener.Listener) != port)
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }
}
