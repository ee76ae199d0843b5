using Relay.Api.Apis;
using Relay.Api.Extensions;
using Relay.Api.Security;
using Relay.Contracts;
using StackExchange.Redis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
// FailFast: while Redis is down a publish fails at once (503) instead of waiting in a backlog for a reconnect.
// SocketManager.ThreadPool: Redis's replies are read on the .NET thread pool rather than on StackExchange.Redis's own
// pool of dedicated threads, so one wake-up fewer stands between a reply and its request (docs/benchmarks.md).
builder.AddRedisClient(ResourceNames.Redis, configureOptions: options =>
{
    options.BacklogPolicy = BacklogPolicy.FailFast;
    options.SocketManager = SocketManager.ThreadPool;
});
builder.AddApiServices();
builder.AddApiSecurity();

var app = builder.Build();

// First, so everything after sees the client's address (X-Forwarded-For from loopback only).
app.UseForwardedHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
// Redirects /flow to /flow/ and rewrites that to /flow/index.html before routing, so the static-asset endpoint serves it.
app.UseDefaultFiles();
app.UseRouting();
app.UseApiSecurity();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapStaticAssets();
app.MapMessagesApi();
app.MapChannelsApi();
app.MapPresenceApi();
app.MapFlowApi();

app.Run();
