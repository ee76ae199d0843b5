using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Security;

/// <summary>The per-connection and per-address limits: over one, that client is refused or closed, and only that client.</summary>
[Collection(RelayAppCollection.Name)]
public sealed class ConnectionLimitTests(RelayApp relay)
{
    [Fact]
    public async Task FrameFlood_ClosesThatConnectionWith4029_WhileAnotherOnTheSameReplicaKeepsReceivingOnTime()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("sec-flood");
        await using var bystander = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0, $"channel={channel}"));
        await bystander.ReceiveSubscribedAsync(channel);
        await using var flooder = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0, $"channel={channel}"));

        // On the thread pool: a send that completes at once would otherwise run the whole flood before the publish.
        var flood = Task.Run(() => FloodAsync(flooder, channel), TestContext.Current.CancellationToken);
        var sent = Stopwatch.StartNew();
        var text = Publisher.UniqueText("during-flood");
        await Publisher.PublishAsync(api, channel, text);
        await bystander.ReceiveMessageAsync(text);
        var lag = sent.Elapsed;
        var (status, reason) = await flooder.WaitForCloseAsync();
        await flood.WaitAsync(TestTimeouts.Step, TestContext.Current.CancellationToken);

        Assert.Equal(4029, (int?)status);
        Assert.Equal("too many frames", reason);
        Assert.True(lag < TimeSpan.FromSeconds(3), $"the bystander got its message after {lag.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task ConnectionsPerAddress_PastTheLimit_Return429WithRetryAfter_WhileAnotherAddressConnects()
    {
        // Addresses of TEST-NET-2 (RFC 5737), claimed through X-Forwarded-For, which the replica trusts from loopback.
        var crowded = $"198.51.100.{Random.Shared.Next(1, 255)}";
        var other = crowded == "198.51.100.254" ? "198.51.100.253" : "198.51.100.254";
        var uri = relay.WebSocketUri(ResourceNames.WsBackend, 1, "channel=sec-per-address");
        var clients = new List<WsTestClient>();
        try
        {
            for (var i = 0; i < RelayApp.SharedMaxConnectionsPerAddress; i++)
            {
                clients.Add(await WsTestClient.ConnectAsync(uri, configure: o => o.SetRequestHeader("X-Forwarded-For", crowded)));
            }

            var (refused, headers) = await UpgradeRequests.SendAsync(uri, h =>
            {
                UpgradeRequests.Bearer(h, TestCredentials.Token("crowd"));
                h.Add("X-Forwarded-For", crowded);
            });
            await using var elsewhere = await WsTestClient.ConnectAsync(uri, configure: o => o.SetRequestHeader("X-Forwarded-For", other));

            refused.ExpectProblem(HttpStatusCode.TooManyRequests);
            Assert.NotNull(headers.RetryAfter);
            Assert.False(string.IsNullOrEmpty(elsewhere.Client));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    /// <summary>Sends subscribe frames as fast as the socket takes them, until it is closed.</summary>
    private static async Task FloodAsync(WsTestClient flooder, string channel)
    {
        for (var i = 0; i < 5_000; i++)
        {
            try
            {
                await flooder.SendAsync($$"""{"type":"subscribe","channel":"{{channel}}"}""");
            }
            catch (Exception ex) when (ex is WebSocketException or InvalidOperationException or OperationCanceledException)
            {
                return;
            }
        }
    }
}
