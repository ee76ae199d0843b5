using Relay.Bench.KestrelBaseline;

// Kestrel's own cost of an idle WebSocket: no logging providers, no health checks, no telemetry; it listens
// where ASPNETCORE_URLS says, like a service under the AppHost.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();

var app = builder.Build();
app.UseWebSockets(new WebSocketOptions
{
    KeepAliveInterval = IdleSocketEndpoint.KeepAliveInterval,
    KeepAliveTimeout = IdleSocketEndpoint.KeepAliveInterval,
});
app.MapIdleSocketEndpoint();
app.Run();
