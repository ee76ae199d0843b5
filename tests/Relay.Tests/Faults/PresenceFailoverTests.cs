using System.Diagnostics;
using System.Net;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Faults;

/// <summary>A replica killed with its named clients: the other replica's clients see them leave, and the Api stops listing them.</summary>
[Collection(ReplicaFaultsCollection.Name)]
[Trait("Category", "Faults")]
public sealed class PresenceFailoverTests(ReplicaFaultsApp relay)
{
    /// <summary>Expiry (20 s) after the last heartbeat (5 s apart), plus a margin for a loaded machine.</summary>
    private static readonly TimeSpan LeaveWithin = TimeSpan.FromSeconds(30);

    [Fact(Timeout = 60_000)]
    public async Task KilledReplica_ItsMembersLeave_OnTheOtherReplicaAndInThePresenceList()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await relay.AllHealthyAsync();
        var channel = RelayApi.UniqueChannel("presence");
        using var api = relay.CreateHttpClient(ResourceNames.Api);

        // Joins are live events: each client sees those of the clients that connect after it.
        await using var alice = await ConnectNamedAsync(channel, "alice", replica: 0);
        await using var bob = await ConnectNamedAsync(channel, "bob", replica: 1);
        await using var carol = await ConnectNamedAsync(channel, "carol", replica: 0);
        await using var dave = await ConnectNamedAsync(channel, "dave", replica: 1);
        await SeesAsync(alice, "join", TestTimeouts.Step, cancellation, bob, carol, dave);
        await SeesAsync(bob, "join", TestTimeouts.Step, cancellation, carol, dave);
        await SeesAsync(carol, "join", TestTimeouts.Step, cancellation, dave);
        await RelayApi.WaitForPresenceAsync(api, channel, members => SameClients(members, alice, bob, carol, dave));

        var killedPid = relay.Kill(ResourceNames.WsBackend, 1);
        var killedAt = Stopwatch.StartNew();
        try
        {
            await SeesAsync(alice, "leave", LeaveWithin, cancellation, bob, dave);
            await SeesAsync(carol, "leave", LeaveWithin - killedAt.Elapsed, cancellation, bob, dave);
            TestContext.Current.TestOutputHelper?.WriteLine($"The leaves arrived {killedAt.Elapsed.TotalSeconds:F1} s after the kill.");

            var listed = (await RelayApi.GetPresenceAsync(api, channel)).Expect(HttpStatusCode.OK).Body;
            var members = listed.GetProperty("members").EnumerateArray().ToArray();
            Assert.True(SameClients(members, alice, carol), $"After the leaves, the Api lists {listed}");
            Assert.Equal(2, listed.GetProperty("count").GetInt32());
            Assert.DoesNotContain(alice.Presence.Concat(carol.Presence), p => p.Type == "leave" && (p.Client == alice.Client || p.Client == carol.Client));
        }
        finally
        {
            await relay.WaitForReplacementAsync(ResourceNames.WsBackend, 1, killedPid);
        }
    }

    private async Task<RecoveringClient> ConnectNamedAsync(string channel, string name, int replica)
    {
        var client = await RecoveringClient.ConnectAsync(relay.WsBackendsFrom(replica), channel, name, reconnect: false);
        Assert.Equal(relay.Replica(ResourceNames.WsBackend, replica).InstanceId, client.Replica);
        Assert.False(string.IsNullOrEmpty(client.Client), "The welcome frame has no client id.");
        return client;
    }

    private static async Task SeesAsync(
        RecoveringClient watcher, string type, TimeSpan within, CancellationToken cancellationToken, params RecoveringClient[] others)
    {
        foreach (var other in others)
        {
            await watcher.WaitUntilAsync(
                w => w.Presence.Any(p => p.Type == type && p.Client == other.Client && p.Name == other.Name && p.Replica == other.Replica),
                within,
                $"{type} of {other.Name} ({other.Client} on {other.Replica})",
                cancellationToken);
        }
    }

    private static bool SameClients(IEnumerable<System.Text.Json.JsonElement> members, params RecoveringClient[] clients) =>
        members.Select(m => (m.GetProperty("client").GetString(), m.GetProperty("name").GetString()))
            .Order()
            .SequenceEqual(clients.Select(c => ((string?)c.Client, (string?)c.Name)).Order());
}
