using Microsoft.Extensions.Configuration;
using Relay.Contracts;

var builder = DistributedApplication.CreateBuilder(args);

var redis = builder.AddRelayRedis(ResourceNames.Redis);

var api = builder.AddProject<Projects.Relay_Api>(ResourceNames.Api)
    .WithPublicHttpEndpoint(defaultPort: 5300)
    .WithFlowPage()
    .WithReference(redis).WaitFor(redis);

var wsBackend = builder.AddProject<Projects.Relay_WsBackend>(ResourceNames.WsBackend)
    .WithReplicas(builder.Configuration.GetValue("Relay:WsBackendReplicas", 2))
    .WithHttpEndpoint()
    .WithHttpHealthCheck(RelayRoutes.Health)
    .WithRestartOnCrash()
    .WithReference(redis).WaitFor(redis);

builder.AddProject<Projects.Relay_Sender>(ResourceNames.Sender)
    .WithPublicHttpEndpoint(defaultPort: 5100)
    .WithReference(api).WaitFor(api);

builder.AddProject<Projects.Relay_Receiver>(ResourceNames.Receiver)
    .WithPublicHttpEndpoint(defaultPort: 5200)
    .WithReference(wsBackend).WaitFor(wsBackend)
    .WithReference(api);

builder.RunProjectsFromBuildOutput();
builder.WithTraceSamplerFromConfiguration();
builder.AddAppUrlsReport();

builder.Build().Run();
