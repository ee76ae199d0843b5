using Relay.Contracts;
using Relay.Hosting;
using Relay.Hosting.Testing;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Unit;

/// <summary>The configuration the engine injects, read from a built (not started) app.</summary>
public sealed class InjectedConfigurationTests : IAsyncLifetime
{
    private DistributedApplication _app = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Relay_AppHost>([], TestTimeouts.After(TestTimeouts.Step));
        _app = await builder.BuildAsync(TestTimeouts.After(TestTimeouts.Step));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public void Receiver_GetsEveryWsBackendReplica()
    {
        var env = _app.GetEnvironment(ResourceNames.Receiver);

        Assert.Equal(2, _app.GetReplicaCount(ResourceNames.WsBackend));
        Assert.Equal(Url(_app.GetEndpoint(ResourceNames.WsBackend, 0)), env["services__wsbackend__http__0"]);
        Assert.Equal(Url(_app.GetEndpoint(ResourceNames.WsBackend, 1)), env["services__wsbackend__http__1"]);
        Assert.DoesNotContain("services__wsbackend__http__2", env.Keys);
        Assert.NotEqual(env["services__wsbackend__http__0"], env["services__wsbackend__http__1"]);
        Assert.DoesNotContain(env.Keys, key => key.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
    }

    [Fact]
    public void Sender_GetsTheApi_AndNothingElse()
    {
        var env = _app.GetEnvironment(ResourceNames.Sender);

        Assert.Equal(Url(_app.GetEndpoint(ResourceNames.Api)), env["services__api__http__0"]);
        Assert.DoesNotContain(env.Keys, key => key.StartsWith("services__wsbackend", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ResourceNames.Api, 0)]
    [InlineData(ResourceNames.WsBackend, 0)]
    [InlineData(ResourceNames.WsBackend, 1)]
    public void RedisClients_GetTheConnectionString(string resource, int replica)
    {
        var env = _app.GetEnvironment(resource, replica);
        var connectionString = env["ConnectionStrings__redis"];

        Assert.Equal(_app.GetConnectionString(ResourceNames.Redis), connectionString);
        Assert.Matches(@"^127\.0\.0\.1:\d+,password=[0-9a-f]{32}$", connectionString);
    }

    [Theory]
    [InlineData(ResourceNames.Api, 0)]
    [InlineData(ResourceNames.WsBackend, 1)]
    [InlineData(ResourceNames.Sender, 0)]
    [InlineData(ResourceNames.Receiver, 0)]
    public void EveryProject_GetsItsUrlEnvironmentAndIdentity(string resource, int replica)
    {
        var env = _app.GetEnvironment(resource, replica);

        Assert.Equal(Url(_app.GetEndpoint(resource, replica)), env["ASPNETCORE_URLS"]);
        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", env["ASPNETCORE_URLS"]);
        Assert.Equal("Development", env["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal(resource, env["OTEL_SERVICE_NAME"]);
        Assert.Equal($"service.instance.id={resource}-{replica}", env["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal("simple", env["LOGGING__CONSOLE__FORMATTERNAME"]);
    }

    [Fact]
    public void InTests_EveryPortIsRandom_NotTheRunModeDefaults()
    {
        var ports = new[] { ResourceNames.Sender, ResourceNames.Receiver, ResourceNames.Api }
            .Select(name => _app.GetEndpoint(name).Port)
            .ToList();

        Assert.DoesNotContain(5100, ports);
        Assert.DoesNotContain(5200, ports);
        Assert.DoesNotContain(5300, ports);
        Assert.Equal(ports.Count, ports.Distinct().Count());
    }

    private static string Url(Uri endpoint) => endpoint.GetLeftPart(UriPartial.Authority);
}
