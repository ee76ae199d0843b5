using Relay.Contracts;
using Relay.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

var redis = builder.AddRedis(ResourceNames.Redis);

var api = builder.AddProject<Projects.Relay_Api>(ResourceNames.Api)
    .WithHttpEndpoint(port: 5300)
    .WithHttpHealthCheck(RelayRoutes.Health)
    .WithReference(redis).WaitFor(redis);

var wsBackend = builder.AddProject<Projects.Relay_WsBackend>(ResourceNames.WsBackend)
    .WithReplicas(2)
    .WithHttpHealthCheck(RelayRoutes.Health)
    .WithReference(redis).WaitFor(redis);

builder.AddProject<Projects.Relay_Sender>(ResourceNames.Sender)
    .WithHttpEndpoint(port: 5100).WithExternalHttpEndpoints()
    .WithHttpHealthCheck(RelayRoutes.Health)
    .WithReference(api).WaitFor(api);

builder.AddProject<Projects.Relay_Receiver>(ResourceNames.Receiver)
    .WithHttpEndpoint(port: 5200).WithExternalHttpEndpoints()
    .WithHttpHealthCheck(RelayRoutes.Health)
    .WithReference(wsBackend).WaitFor(wsBackend)
    .WithReference(api);

builder.Build().Run();
