using Microsoft.Extensions.DependencyInjection;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Unit;

/// <summary>The configuration the AppHost gives each service, read from the built (not started) app model.</summary>
public sealed class InjectedConfigurationTests(InjectedConfigurationTests.BuiltApp built) : IClassFixture<InjectedConfigurationTests.BuiltApp>
{
    private readonly DistributedApplicationModel _model = built.Model;

    [Fact]
    public async Task Receiver_FindsWsBackendAndTheApi_ThroughServiceDiscovery_AndNotRedis()
    {
        var env = await EnvironmentOf(ResourceNames.Receiver);

        Assert.StartsWith("http://", env["services__wsbackend__http__0"]);
        Assert.StartsWith("http://", env["services__api__http__0"]);
        Assert.DoesNotContain(env.Keys, key => key.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sender_GetsTheApi_AndNothingElse()
    {
        var env = await EnvironmentOf(ResourceNames.Sender);

        Assert.StartsWith("http://", env["services__api__http__0"]);
        Assert.DoesNotContain(env.Keys, key => key.StartsWith("services__wsbackend", StringComparison.Ordinal));
        Assert.DoesNotContain(env.Keys, key => key.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ResourceNames.Api)]
    [InlineData(ResourceNames.WsBackend)]
    public async Task RedisClients_GetOneConnectionString_WithAGeneratedPassword_AsASecretFile_NotInTheEnvironment(string resource)
    {
        var env = await EnvironmentOf(resource);

        Assert.DoesNotContain("ConnectionStrings__redis", env.Keys);
        var connectionString = await File.ReadAllTextAsync(Path.Combine(env[SecretFiles.DirectoryVariable], "ConnectionStrings__redis"), TestContext.Current.CancellationToken);
        Assert.Matches(@"^[^,]+:\d+,password=[A-Za-z0-9]{22,}$", connectionString);
    }

    [Fact]
    public void WsBackend_RunsAsTwoReplicas_AndEveryServiceIsRestartedOnCrash()
    {
        Assert.Equal(2, Resource(ResourceNames.WsBackend).GetReplicaCount());
        foreach (var name in new[] { ResourceNames.Redis, ResourceNames.Api, ResourceNames.WsBackend, ResourceNames.Sender, ResourceNames.Receiver })
        {
            Assert.True(Resource(name).HasAnnotationOfType<RestartOnCrashAnnotation>(), $"{name} is not restarted on crash.");
        }
    }

    [Fact]
    public void PeopleOpen_TheSenderReceiverAndApi_OnTheirConfiguredPorts_NotThroughDcpsProxy()
    {
        foreach (var name in new[] { ResourceNames.Sender, ResourceNames.Receiver, ResourceNames.Api })
        {
            var http = Resource(name).Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http");
            Assert.Equal(built.Ports[name], http.Port);
            Assert.True(http.IsExternal, $"{name}'s endpoint is not external.");
            Assert.False(http.IsProxied, $"{name}'s endpoint is proxied.");
        }

        Assert.True(Resource(ResourceNames.WsBackend).Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http").IsProxied);
    }

    [Theory]
    [InlineData(ResourceNames.Api)]
    [InlineData(ResourceNames.WsBackend)]
    [InlineData(ResourceNames.Receiver)]
    public async Task TokenIssuerAndAudience_OfTheAppHost_ReachEveryServiceThatMintsOrChecksTokens(string resource)
    {
        var env = await EnvironmentOf(resource);

        Assert.Equal(BuiltApp.TokenIssuer, env["ConnectionTokens__Issuer"]);
        Assert.Equal(BuiltApp.TokenAudience, env["ConnectionTokens__Audience"]);
    }

    private IResource Resource(string name) => _model.Resources.Single(r => r.Name == name);

    // Obsolete in favour of ExecutionConfigurationBuilder, which needs a started app; this reads the model only.
#pragma warning disable CS0618
    private async Task<Dictionary<string, string>> EnvironmentOf(string name) =>
        await ((IResourceWithEnvironment)Resource(name)).GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Run);
#pragma warning restore CS0618

    /// <summary>
    /// The AppHost's model, built once for the class (building is the slow part), with the public ports given as a
    /// person would (free ones: built, never started) and not randomised as Aspire.Hosting.Testing otherwise does.
    /// </summary>
    public sealed class BuiltApp : IAsyncLifetime
    {
        public const string TokenIssuer = "https://issuer.example";
        public const string TokenAudience = "relay-tests";

        private DistributedApplication? _app;

        public DistributedApplicationModel Model { get; private set; } = null!;

        public IReadOnlyDictionary<string, int> Ports { get; } = new[] { ResourceNames.Sender, ResourceNames.Receiver, ResourceNames.Api }
            .ToDictionary(name => name, _ => AppHostProcess.FreePort());

        public async ValueTask InitializeAsync()
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Relay_AppHost>(
                ["--Relay:StateDirectory=" + Path.GetTempPath(), "--DcpPublisher:RandomizePorts=false",
                 "--Relay:TokenIssuer=" + TokenIssuer, "--Relay:TokenAudience=" + TokenAudience,
                 .. Ports.Select(p => $"--Ports:{p.Key}={p.Value}")],
                TestTimeouts.After(TestTimeouts.Step));
            _app = await builder.BuildAsync(TestTimeouts.After(TestTimeouts.Step));
            Model = _app.Services.GetRequiredService<DistributedApplicationModel>();
        }

        public async ValueTask DisposeAsync()
        {
            if (_app is not null)
            {
                // The app never starts, so its own cleanup of the secret files the tests' reads wrote never runs.
#pragma warning disable CS0618
                var env = await ((IResourceWithEnvironment)Model.Resources.Single(r => r.Name == ResourceNames.Api))
                    .GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Run);
#pragma warning restore CS0618
                Directory.Delete(Path.GetDirectoryName(env[SecretFiles.DirectoryVariable])!, recursive: true);
                await _app.DisposeAsync();
            }
        }
    }
}
