using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Relay.Receiver.Proxy;

/// <summary>
/// The passive health check: the first request a destination did not answer (connection refused or reset, no
/// response headers in time) leaves it out at once, for the cluster's passive <c>ReactivationPeriod</c>; then the
/// active probes' verdict decides again.
/// </summary>
/// <remarks>
/// YARP's own TransportFailureRate policy judges nothing before 10 requests to a destination within its window, then
/// wants 30% of them failed: a page reconnecting with backoff sends far fewer, and LeastRequests sends every one to the
/// dead replica (it has no requests in flight), so pages waited for the active probes (14 to 17 s). Errors on a
/// connection the destination had accepted (a cut body or upgraded stream) do not count: a live replica cuts sockets
/// itself (4008 slow consumer, the close timeout), and its next connection is fine.
/// </remarks>
internal sealed class UnreachableDestinationPolicy(
    IDestinationHealthUpdater healthUpdater,
    ILogger<UnreachableDestinationPolicy> logger) : IPassiveHealthCheckPolicy
{
    public const string PolicyName = "UnreachableDestination";

    /// <summary>YARP's reactivation period for a cluster that sets none.</summary>
    private static readonly TimeSpan DefaultReactivationPeriod = TimeSpan.FromSeconds(60);

    public string Name => PolicyName;

    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        // A client that went away while its request was being sent says nothing about the destination.
        if (context.RequestAborted.IsCancellationRequested
            || context.Features.Get<IForwarderErrorFeature>() is not { Error: ForwarderError.Request or ForwarderError.RequestTimedOut } failure)
        {
            return;
        }

        var reactivation = cluster.Model.Config.HealthCheck?.Passive?.ReactivationPeriod ?? DefaultReactivationPeriod;
        if (destination.Health.Passive != DestinationHealth.Unhealthy)
        {
            Log.DestinationUnreachable(logger, destination.DestinationId, cluster.ClusterId, failure.Error, reactivation);
        }

        healthUpdater.SetPassive(cluster, destination, DestinationHealth.Unhealthy, reactivation);
    }
}
