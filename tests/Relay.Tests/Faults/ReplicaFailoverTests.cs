using System.Net.WebSockets;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Faults;

/// <summary>
/// A WebSocket replica dies (kill -9) or stops (SIGTERM) under a steady publish: its clients reconnect to the other
/// replica with their position and end with every message once, in offset order.
/// </summary>
[Collection(ReplicaFaultsCollection.Name)]
[Trait("Category", "Faults")]
public sealed class ReplicaFailoverTests(ReplicaFaultsApp relay)
{
    private const WebSocketCloseStatus ServiceRestart = (WebSocketCloseStatus)1012;
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(20);

    [Fact(Timeout = 60_000)]
    public async Task KilledReplica_ItsClientsRecoverOnTheOther_AndEveryClientGetsAllMessagesOnceInOrder()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await relay.AllHealthyAsync();
        var channel = RelayApi.UniqueChannel("kill");
        await using var killed0 = await RecoveringClient.ConnectAsync(relay.WsBackendsFrom(0), channel);
        await using var killed1 = await RecoveringClient.ConnectAsync(relay.WsBackendsFrom(0), channel);
        await using var survivor0 = await RecoveringClient.ConnectAsync(relay.WsBackendsFrom(1), channel);
        await using var survivor1 = await RecoveringClient.ConnectAsync(relay.WsBackendsFrom(1), channel);
        Assert.All(new[] { killed0, killed1 }, c => Assert.Equal(relay.Replica(ResourceNames.WsBackend, 0).InstanceId, c.Replica));
        Assert.All(new[] { survivor0, survivor1 }, c => Assert.Equal(relay.Replica(ResourceNames.WsBackend, 1).InstanceId, c.Replica));
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var publisher = new SteadyPublisher(api, channel, count: 2_000, perSecond: 250);

        var publishing = publisher.RunAsync();
        await publisher.WhenAcknowledged(500).WaitAsync(TestTimeouts.Step, cancellation);
        var killedPid = relay.Kill(ResourceNames.WsBackend, 0);
        try
        {
            var acks = await publishing.WaitAsync(TestTimeouts.Recovery, cancellation);

            var (expected, epoch) = Acknowledgements.AssertOnePositionEach(acks);
            foreach (var client in new[] { killed0, killed1, survivor0, survivor1 })
            {
                await client.WaitForOffsetAsync(expected.Count, CatchUp, cancellation);
                TestContext.Current.TestOutputHelper?.WriteLine(client.Describe());
                client.AssertReceivedExactly(expected, epoch);
                Assert.DoesNotContain(client.Subscribed, s => s.Recovered == false);
            }

            foreach (var client in new[] { killed0, killed1 })
            {
                Assert.True(client.Closes.Count > 0, $"{client.Describe()} never lost its socket.");
                Assert.True(client.Subscribed.Any(s => s.Connection > 1 && s.Recovered == true),
                    $"{client.Describe()} was not recovered on reconnecting.");
            }

            foreach (var client in new[] { survivor0, survivor1 })
            {
                Assert.True(client.Closes.Count == 0, $"{client.Describe()} lost its socket on the other replica.");
            }
        }
        finally
        {
            await relay.WaitForReplacementAsync(ResourceNames.WsBackend, 0, killedPid);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task StoppedReplica_ClosesItsClientsWith1012_AndTheyResumeOnTheOtherWithoutLossOrDuplicates()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await relay.AllHealthyAsync();
        var channel = RelayApi.UniqueChannel("drain");
        await using var drained0 = await RecoveringClient.ConnectAsync(relay.WsBackendsFrom(1), channel);
        await using var drained1 = await RecoveringClient.ConnectAsync(relay.WsBackendsFrom(1), channel);
        await using var survivor = await RecoveringClient.ConnectAsync(relay.WsBackendsFrom(0), channel);
        Assert.All(new[] { drained0, drained1 }, c => Assert.Equal(relay.Replica(ResourceNames.WsBackend, 1).InstanceId, c.Replica));
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        // 12 s of publishing: the stop (SIGINT, drain, exit) is well within it even on a loaded machine.
        var publisher = new SteadyPublisher(api, channel, count: 3_000, perSecond: 250);

        var publishing = publisher.RunAsync();
        await publisher.WhenAcknowledged(400).WaitAsync(TestTimeouts.Step, cancellation);
        try
        {
            await relay.StopResourceAsync(ResourceNames.WsBackend, 1, TestTimeouts.After(TestTimeouts.Recovery));
            Assert.True(publisher.Acknowledged < 3_000, "The stop ended after the last publish: nothing was published meanwhile.");
            var acks = await publishing.WaitAsync(TestTimeouts.Recovery, cancellation);

            var (expected, epoch) = Acknowledgements.AssertOnePositionEach(acks);
            foreach (var client in new[] { drained0, drained1, survivor })
            {
                await client.WaitForOffsetAsync(expected.Count, CatchUp, cancellation);
                TestContext.Current.TestOutputHelper?.WriteLine(client.Describe());
                client.AssertReceivedExactly(expected, epoch);
                Assert.DoesNotContain(client.Subscribed, s => s.Recovered == false);
            }

            foreach (var client in new[] { drained0, drained1 })
            {
                var close = Assert.Single(client.Closes);
                Assert.True(close is { Aborted: false, Status: ServiceRestart, Reason: "service restart" }, $"{client.Describe()}: {close}");
                Assert.Equal(relay.Replica(ResourceNames.WsBackend, 0).InstanceId, client.Replica);
                Assert.True(client.Subscribed.Any(s => s.Connection == 2 && s.Recovered == true), $"{client.Describe()} was not recovered on reconnecting.");
            }

            Assert.Empty(survivor.Closes);
        }
        finally
        {
            await relay.StartResourceAsync(ResourceNames.WsBackend, 1, TestTimeouts.After(TestTimeouts.Recovery));
            await relay.AllHealthyAsync();
        }
    }
}
