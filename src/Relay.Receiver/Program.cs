using Relay.Receiver.Apis;
using Relay.Receiver.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddReceiverServices();

var app = builder.Build();

// Rewrites "/" to "/index.html" before routing, so the static-asset endpoint serves it.
app.UseDefaultFiles();
app.UseRouting();

app.MapDefaultEndpoints();
app.MapStaticAssets();
app.MapTokenApi();
app.MapReverseProxy();

app.Run();
