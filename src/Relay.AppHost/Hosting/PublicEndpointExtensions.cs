using System.Net;
using System.Net.Sockets;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Relay.Contracts;

namespace Aspire.Hosting;

/// <summary>The endpoints people open: a fixed, configurable port, checked before anything starts.</summary>
public static class PublicEndpointExtensions
{
    public const string PortsSection = "Ports";

    /// <summary>
    /// An external http endpoint on <c>Ports:{resource}</c> (default <paramref name="defaultPort"/>), health-checked on
    /// <see cref="RelayRoutes.Health"/>, restarted when it crashes. In run mode a port another process holds stops
    /// the AppHost at once with a message naming the setting, instead of a resource that never starts.
    /// </summary>
    /// <remarks>
    /// Not behind DCP's proxy: these resources run one process each, so the proxy would only add a hop, and while
    /// the process is down it holds connections open instead of refusing them (the Sender then waited out its
    /// timeout instead of telling its page at once). Where ports are randomised (Aspire.Hosting.Testing) the
    /// configured port gives way to a free one.
    /// </remarks>
    public static IResourceBuilder<ProjectResource> WithPublicHttpEndpoint(this IResourceBuilder<ProjectResource> builder, int defaultPort)
    {
        var configuration = builder.ApplicationBuilder.Configuration;
        var key = $"{PortsSection}:{builder.Resource.Name}";
        var port = configuration.GetValue(key, defaultPort);
        var randomized = configuration.GetValue<bool>("DcpPublisher:RandomizePorts");
        if (builder.ApplicationBuilder.ExecutionContext.IsRunMode && !randomized && IsTaken(port))
        {
            throw new DistributedApplicationException(
                $"Port {port} for '{builder.Resource.Name}' is already in use by another process. " +
                $"Stop that process, or give another port: --{key}=<port> (or the environment variable {PortsSection}__{builder.Resource.Name}).");
        }

        return builder
            .WithHttpEndpoint(port: randomized ? null : port, isProxied: false)
            .WithExternalHttpEndpoints()
            .WithHttpHealthCheck(RelayRoutes.Health)
            .WithRestartOnCrash();
    }

    private static bool IsTaken(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
