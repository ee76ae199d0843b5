using Yarp.ReverseProxy.Forwarder;

namespace Relay.Receiver.Proxy;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Proxying {Route} to {Count} {ServiceName} destination(s): {Destinations}")]
    public static partial void DestinationsChanged(ILogger logger, string route, int count, string serviceName, string destinations);

    [LoggerMessage(2, LogLevel.Warning, "Service discovery found no endpoint for {ServiceName}: {Route} answers 503 until one appears.")]
    public static partial void NoDestinations(ILogger logger, string serviceName, string route);

    [LoggerMessage(3, LogLevel.Warning, "Could not resolve {ServiceName}; the previous destinations stay in use.")]
    public static partial void ResolveFailed(ILogger logger, string serviceName, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Could not reach {Destination} of {Cluster} ({Error}): left out for {ReactivationPeriod}, then the health probes decide.")]
    public static partial void DestinationUnreachable(ILogger logger, string destination, string cluster, ForwarderError error, TimeSpan reactivationPeriod);
}
