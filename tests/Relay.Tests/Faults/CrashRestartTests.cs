using System.Diagnostics;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Faults;

/// <summary>Relay's restart-on-crash extension of the AppHost: kills and stops processes, so it has an app of its own.</summary>
[Trait("Category", "Faults")]
[Collection(ReplicaFaultsCollection.Name)]
public sealed class CrashRestartTests(ReplicaFaultsApp relay)
{
    [Fact]
    public async Task KilledWsBackendReplica_IsRestarted_CountedOnTheResource_AndDeliversAgain()
    {
        await relay.AllHealthyAsync();
        var before = relay.Replica(ResourceNames.WsBackend, 0);

        relay.Kill(ResourceNames.WsBackend, 0);

        var after = await relay.Resources.WaitForAsync(ResourceNames.WsBackend, 0,
            r => r.IsRunning && r.ProcessId is { } pid && pid != before.ProcessId && r.Restarts == before.Restarts + 1, TestTimeouts.Recovery);
        await relay.WaitForResourceHealthyAsync(ResourceNames.WsBackend, TestTimeouts.After(TestTimeouts.Recovery));

        await using var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0));
        Assert.Equal(after.InstanceId, client.Replica);
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var text = Publisher.UniqueText("after-crash");
        await Publisher.PublishAsync(api, RelayChannels.Default, text);
        await client.ReceiveMessageAsync(text);
    }

    [Fact]
    public async Task KilledRedis_IsRestarted_AndPublishingReachesBothReplicasAgain()
    {
        await relay.AllHealthyAsync();
        var before = relay.Replica(ResourceNames.Redis);
        await using var first = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0));
        await using var second = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 1));
        using var api = relay.CreateHttpClient(ResourceNames.Api);

        using (var redis = Process.GetProcessById(before.ProcessId!.Value))
        {
            redis.Kill();
        }

        await relay.Resources.WaitForAsync(ResourceNames.Redis, 0,
            r => r.IsRunning && r.ProcessId is { } pid && pid != before.ProcessId && r.Restarts == before.Restarts + 1, TestTimeouts.Recovery);
        await relay.WaitForResourceHealthyAsync(ResourceNames.Redis, TestTimeouts.After(TestTimeouts.Recovery));
        foreach (var client in new[] { first, second })
        {
            await DeliveredWithinAsync(api, client);
        }
    }

    [Fact]
    public async Task StoppedReplica_IsNotRestarted_UntilStarted()
    {
        await relay.AllHealthyAsync();
        var before = relay.Replica(ResourceNames.WsBackend, 1);

        await relay.StopResourceAsync(ResourceNames.WsBackend, 1, TestTimeouts.After(TestTimeouts.Step));

        // A crash would be restarted after 1 s: three seconds of a stopped replica show that a stop is not one.
        var watched = Stopwatch.StartNew();
        while (watched.Elapsed < TimeSpan.FromSeconds(3))
        {
            var state = relay.Replica(ResourceNames.WsBackend, 1);
            Assert.True(state.IsDown, $"{state.Id} came back by itself: {state}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        await relay.StartResourceAsync(ResourceNames.WsBackend, 1, TestTimeouts.After(TestTimeouts.Recovery));
        await relay.WaitForResourceHealthyAsync(ResourceNames.WsBackend, TestTimeouts.After(TestTimeouts.Recovery));
        var after = relay.Replica(ResourceNames.WsBackend, 1);
        Assert.NotEqual(before.ProcessId, after.ProcessId);
        Assert.Equal(before.Restarts, after.Restarts);
    }

    // The Api and the replicas reconnect to the restarted Redis a moment after it is healthy: publish until one arrives, bounded.
    private static async Task DeliveredWithinAsync(HttpClient api, WsTestClient client)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var text = Publisher.UniqueText("redis-back");
            using var response = await Publisher.PostAsync(api, RelayChannels.Default, text);
            if (response.IsSuccessStatusCode && await client.ReceivesMessageAsync(text, TimeSpan.FromSeconds(1)))
            {
                return;
            }

            if (!response.IsSuccessStatusCode)
            {
                await Task.Delay(250, TestContext.Current.CancellationToken);
            }
        }

        Assert.Fail($"Delivery to {client.Replica} did not resume after Redis was restarted.");
    }

}
