using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;
using Relay.Contracts;
using Relay.Receiver.Options;
using Yarp.ReverseProxy.Configuration;

namespace Relay.Receiver.Proxy;

/// <summary>
/// YARP's configuration, built from service discovery: every endpoint <c>http://wsbackend</c> resolves to
/// (one per replica, from <c>services__wsbackend__http__0..n</c>) becomes a destination of the <c>/ws</c>
/// cluster, and every endpoint of <c>http://api</c> one of the <c>/api/channels</c> cluster. It resolves
/// again every <see cref="WsBackendProxyOptions.RefreshInterval"/> and whenever a resolver signals a change,
/// and hands YARP a new configuration only when a set of addresses changed.
/// </summary>
internal sealed class ServiceDiscoveryProxyConfigProvider(
    ServiceEndpointResolver resolver,
    IOptions<WsBackendProxyOptions> options,
    ILogger<ServiceDiscoveryProxyConfigProvider> logger) : BackgroundService, IProxyConfigProvider
{
    private readonly WsBackendProxyOptions _options = options.Value;
    private readonly ResolvedService _wsBackend = new(WsBackendProxyConfig.ServiceName, RelayRoutes.WebSocket);
    private readonly ResolvedService _api = new(ApiProxyConfig.ServiceName, RelayRoutes.Channels);
    private volatile ProxyConfigSnapshot _config = ReceiverProxyConfig.Create([], [], options.Value);

    public IProxyConfig GetConfig() => _config;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolve before the server starts listening, so the first request already has destinations.
        await RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await WaitForRefreshAsync(stoppingToken);
                await RefreshAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task WaitForRefreshAsync(CancellationToken cancellationToken)
    {
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var wsBackendRegistration = _wsBackend.Changed?.RegisterChangeCallback(
            static state => ((TaskCompletionSource)state!).TrySetResult(), changed);
        using var apiRegistration = _api.Changed?.RegisterChangeCallback(
            static state => ((TaskCompletionSource)state!).TrySetResult(), changed);
        try
        {
            await changed.Task.WaitAsync(_options.RefreshInterval, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The periodic refresh: a change a resolver did not signal is still picked up.
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var changed = await ResolveAsync(_wsBackend, cancellationToken);
        changed |= await ResolveAsync(_api, cancellationToken);
        if (changed)
        {
            var previous = _config;
            _config = ReceiverProxyConfig.Create(_wsBackend.Addresses ?? [], _api.Addresses ?? [], _options);
            previous.SignalChanged();
        }
    }

    /// <summary>Resolves one service; true when its set of addresses changed.</summary>
    private async Task<bool> ResolveAsync(ResolvedService service, CancellationToken cancellationToken)
    {
        // A fired token is used once: if this resolve fails, the next wait is the periodic one, not a hot loop.
        service.Changed = null;
        string[] addresses;
        try
        {
            var source = await resolver.GetEndpointsAsync(service.ServiceName, cancellationToken);
            service.Changed = source.ChangeToken;
            addresses = [.. source.Endpoints.Select(ToAddress).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The previous destinations stay in use.
            Log.ResolveFailed(logger, service.ServiceName, ex);
            return false;
        }

        if (service.Addresses is not null && addresses.SequenceEqual(service.Addresses, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        service.Addresses = addresses;
        if (addresses.Length == 0)
        {
            Log.NoDestinations(logger, service.ServiceName, service.Route);
        }
        else
        {
            Log.DestinationsChanged(logger, service.Route, addresses.Length, service.ServiceName, string.Join(", ", addresses));
        }

        return true;
    }

    private static string ToAddress(ServiceEndpoint endpoint) => endpoint.EndPoint switch
    {
        UriEndPoint uri => uri.Uri.GetLeftPart(UriPartial.Authority),
        IPEndPoint ip => $"http://{ip}",
        DnsEndPoint { Port: > 0 } dns => $"http://{dns.Host}:{dns.Port}",
        DnsEndPoint dns => $"http://{dns.Host}",
        var other => $"http://{other}",
    };

    /// <summary>What was last resolved for one proxied service. Only the refresh loop touches it.</summary>
    private sealed class ResolvedService(string serviceName, string route)
    {
        public string ServiceName { get; } = serviceName;

        public string Route { get; } = route;

        public string[]? Addresses { get; set; }

        public IChangeToken? Changed { get; set; }
    }
}
