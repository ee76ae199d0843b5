using Relay.Contracts;
using Relay.WsBackend.Apis;
using Relay.WsBackend.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRedisClient(ResourceNames.Redis);
builder.AddWsBackendServices();

var app = builder.Build();

app.UseWsBackendWebSockets();
app.MapDefaultEndpoints();
app.MapWebSocketApi();

app.Run();
