using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Relay.Dashboard.Hosting;

/// <summary>
/// The Kestrel endpoints of the dashboard. Kestrel writes the bound port back into each
/// <see cref="ListenOptions"/> before it accepts connections, so port 0 (any free port) works and every
/// request can be told apart by the local port it arrived on.
/// </summary>
internal sealed class DashboardListeners(DashboardOptions options)
{
    private ListenOptions? _frontend;
    private ListenOptions? _otlpGrpc;
    private ListenOptions? _otlpHttp;

    /// <summary>Binds 127.0.0.1 only: the dashboard shows environment variables and can stop processes.</summary>
    public void Configure(KestrelServerOptions kestrel)
    {
        kestrel.Listen(IPAddress.Loopback, options.FrontendPort, l =>
        {
            l.Protocols = HttpProtocols.Http1;
            _frontend = l;
        });

        // gRPC without TLS has no ALPN to negotiate HTTP/2: the endpoint must speak HTTP/2 only (prior knowledge).
        kestrel.Listen(IPAddress.Loopback, options.OtlpGrpcPort, l =>
        {
            l.Protocols = HttpProtocols.Http2;
            _otlpGrpc = l;
        });
        kestrel.Listen(IPAddress.Loopback, options.OtlpHttpPort, l =>
        {
            l.Protocols = HttpProtocols.Http1AndHttp2;
            _otlpHttp = l;
        });
    }

    public int PortOf(DashboardListener listener) => listener switch
    {
        DashboardListener.Frontend => Port(_frontend),
        DashboardListener.OtlpGrpc => Port(_otlpGrpc),
        _ => Port(_otlpHttp),
    };

    public bool IsOn(HttpContext context, DashboardListener listener) => context.Connection.LocalPort == PortOf(listener);

    public Uri UrlOf(DashboardListener listener) => new($"http://127.0.0.1:{PortOf(listener)}");

    private static int Port(ListenOptions? listen) => listen?.IPEndPoint?.Port ?? -1;
}
