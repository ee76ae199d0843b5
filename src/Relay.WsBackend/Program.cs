using Relay.Contracts;
using StackExchange.Redis;
using Relay.WsBackend.Apis;
using Relay.WsBackend.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
// Redis's messages are read on the .NET thread pool rather than on StackExchange.Redis's own dedicated threads
// (docs/benchmarks.md).
builder.AddRedisClient(ResourceNames.Redis, configureOptions: options => options.SocketManager = SocketManager.ThreadPool);
builder.AddWsBackendServices();

var app = builder.Build();

app.UseWsBackendWebSockets();
app.MapDefaultEndpoints();
app.MapWebSocketApi();

app.Run();
