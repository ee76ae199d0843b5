using Relay.Contracts;
using Relay.Tests.Infrastructure;
using StackExchange.Redis;

namespace Relay.Tests.AppHost;

/// <summary>The local <c>redis-server</c> the AppHost runs: its password stays off every command line.</summary>
[Collection(RelayAppCollection.Name)]
[Trait("Category", "AppHost")]
public sealed class RedisServerTests(RelayApp relay)
{
    [Fact]
    public async Task RedisPassword_IsOnNoCommandLine_AndRedisRefusesClientsWithoutIt()
    {
        var connectionString = await relay.GetConnectionStringAsync(ResourceNames.Redis);
        var options = ConfigurationOptions.Parse(connectionString!);
        Assert.False(string.IsNullOrEmpty(options.Password));

        var processes = new[] { ResourceNames.Redis, ResourceNames.Api, ResourceNames.WsBackend, ResourceNames.Sender, ResourceNames.Receiver }
            .SelectMany(relay.Resources.Replicas)
            .Select(r => r.ProcessId!.Value)
            .ToList();
        Assert.All(processes, pid => Assert.DoesNotContain(options.Password, ProcessTree.CommandLineOf(pid), StringComparison.Ordinal));

        options.Password = null;
        options.AbortOnConnectFail = true;
        var refused = await Assert.ThrowsAsync<RedisConnectionException>(
            () => ConnectionMultiplexer.ConnectAsync(options).WaitAsync(TestTimeouts.Step, TestContext.Current.CancellationToken));
        Assert.Contains("NOAUTH", refused.ToString(), StringComparison.Ordinal);
    }
}
