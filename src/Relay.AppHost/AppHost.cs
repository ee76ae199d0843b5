using Microsoft.Extensions.Configuration;
using Relay.Contracts;

var builder = DistributedApplication.CreateBuilder(args);

var redis = builder.AddRelayRedis(ResourceNames.Redis);
var apiKey = builder.AddGeneratedSecret(ResourceNames.ApiKey);
var tokenSecret = builder.AddGeneratedSecret(ResourceNames.ConnectionTokenSecret);

var api = builder.AddProject<Projects.Relay_Api>(ResourceNames.Api)
    .WithPublicHttpEndpoint(defaultPort: 5300)
    .WithFlowPage()
    .WithApiKey(ResourceNames.Sender, apiKey, "*", RelayChannels.PrivatePrefix + "*")
    .WithApiKeysFromConfiguration()
    .WithConnectionTokenSecret(tokenSecret)
    .WithReference(redis).WaitFor(redis);

var wsBackend = builder.AddProject<Projects.Relay_WsBackend>(ResourceNames.WsBackend)
    .WithReplicas(builder.Configuration.GetValue("Relay:WsBackendReplicas", 2))
    .WithHttpEndpoint()
    .WithHttpHealthCheck(RelayRoutes.Health)
    .WithRestartOnCrash()
    .WithConnectionTokenSecret(tokenSecret)
    .WithReference(redis).WaitFor(redis);

builder.AddProject<Projects.Relay_Sender>(ResourceNames.Sender)
    .WithPublicHttpEndpoint(defaultPort: 5100)
    .WithApiKeyOf(apiKey)
    .WithReference(api).WaitFor(api);

var receiver = builder.AddProject<Projects.Relay_Receiver>(ResourceNames.Receiver)
    .WithPublicHttpEndpoint(defaultPort: 5200)
    .WithConnectionTokenSecret(tokenSecret)
    .WithReference(wsBackend).WaitFor(wsBackend)
    .WithReference(api);

wsBackend.WithAllowedOrigin(receiver);

builder.RunProjectsFromBuildOutput();
builder.WithTraceSamplerFromConfiguration();
builder.WithSecretsAsFiles();
builder.AddAppUrlsReport();

builder.Build().Run();
