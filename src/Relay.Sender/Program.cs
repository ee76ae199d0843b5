using Relay.Sender.Apis;
using Relay.Sender.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSenderServices();

var app = builder.Build();

// Rewrites "/" to "/index.html" before routing, so the static-asset endpoint serves it.
app.UseDefaultFiles();
app.UseRouting();

app.MapDefaultEndpoints();
app.MapStaticAssets();
app.MapSendApi();

app.Run();
