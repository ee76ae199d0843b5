using Relay.Bench.SignalR;

// Two of these, one Redis: ASPNETCORE_URLS says where each listens, ConnectionStrings__redis where Redis is,
// INSTANCE_NAME what Join answers (the bench's subscribers count per instance, as per Relay replica).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(new InstanceName(builder.Configuration["INSTANCE_NAME"] ?? Environment.MachineName));
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, BenchJsonContext.Default));
builder.Services.AddSignalR()
    .AddJsonProtocol(options => options.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, BenchJsonContext.Default))
    .AddStackExchangeRedis(builder.Configuration.GetConnectionString("redis") ?? "127.0.0.1:6379");

var app = builder.Build();
app.MapHub<RelayHub>("/hub");
app.MapMessages();
app.MapGet("/health", () => "ok");
app.Run();
