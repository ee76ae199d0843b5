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
/// (one per replica, from <c>services__wsbackend__http__0..n</c>) becomes a destination of one cluster.
/// It resolves again every <see cref="WsBackendProxyOptions.RefreshInterval"/> and whenever the resolver
/// signals a change, and hands YARP a new configuration only when the set of addresses changed.
/// </summary>
internal sealed class ServiceDiscoveryProxyConfigProvider(
    ServiceEndpointResolver resolver,
    IOptions<WsBackendProxyOptions> options,
    ILogger<ServiceDiscoveryProxyConfigProvider> logger) : BackgroundService, IProxyConfigProvider
{
    private const string ServiceName = "http://" + ResourceNames.WsBackend;

    private readonly WsBackendProxyOptions _options = options.Value;
    private volatile ProxyConfigSnapshot _config = WsBackendProxyConfig.Create([], options.Value);
    private string[]? _addresses;
    private IChangeToken? _resolverChanged;

    public IProxyConfig GetConfig() => _config;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolve before the server starts listening, so the first /ws request already has destinations.
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
        using var registration = _resolverChanged?.RegisterChangeCallback(
            static state => ((TaskCompletionSource)state!).TrySetResult(), changed);
        try
        {
            await changed.Task.WaitAsync(_options.RefreshInterval, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The periodic refresh: a change the resolver did not signal is still picked up.
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        // A fired token is used once: if this resolve fails, the next wait is the periodic one, not a hot loop.
        _resolverChanged = null;
        try
        {
            var source = await resolver.GetEndpointsAsync(ServiceName, cancellationToken);
            _resolverChanged = source.ChangeToken;
            Apply([.. source.Endpoints.Select(ToAddress).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.ResolveFailed(logger, ServiceName, ex);
        }
    }

    private void Apply(string[] addresses)
    {
        if (_addresses is not null && addresses.SequenceEqual(_addresses, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        _addresses = addresses;
        var previous = _config;
        _config = WsBackendProxyConfig.Create(addresses, _options);
        previous.SignalChanged();

        if (addresses.Length == 0)
        {
            Log.NoDestinations(logger, ServiceName);
        }
        else
        {
            Log.DestinationsChanged(logger, addresses.Length, string.Join(", ", addresses));
        }
    }

    private static string ToAddress(ServiceEndpoint endpoint) => endpoint.EndPoint switch
    {
        UriEndPoint uri => uri.Uri.GetLeftPart(UriPartial.Authority),
        IPEndPoint ip => $"http://{ip}",
        DnsEndPoint { Port: > 0 } dns => $"http://{dns.Host}:{dns.Port}",
        DnsEndPoint dns => $"http://{dns.Host}",
        var other => $"http://{other}",
    };
}
