using System.Net.WebSockets;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Faults;

/// <summary>The two closes a replica starts by itself: 4008 for a client that stops reading, 1012 when it stops.</summary>
public sealed class SlowConsumerAndDrainTests(SlowConsumerAndDrainTests.SmallQueueApp relay) : IClassFixture<SlowConsumerAndDrainTests.SmallQueueApp>
{
    private const int Messages = 3_000;
    private const WebSocketCloseStatus SlowConsumer = (WebSocketCloseStatus)4008;
    private const WebSocketCloseStatus ServiceRestart = (WebSocketCloseStatus)1012;

    [Fact]
    public async Task ClientThatStopsReading_IsClosedWith4008_WhileAnotherClientGetsEverything()
    {
        var channel = $"slow-{Guid.NewGuid():N}";
        var query = $"channel={channel}";
        using var slow = new ClientWebSocket();
        await slow.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0, query), TestTimeouts.After(TestTimeouts.Step));
        await using var reader = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0, query));
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var padding = new string('x', 3_900);

        await Parallel.ForAsync(0, Messages, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            await Publisher.PublishAsync(api, channel, $"{i:D5} {padding}"));

        for (var i = 0; i < Messages; i++)
        {
            await reader.ReceiveAsync(f => f.Type() == "message");
        }

        Assert.Equal(SlowConsumer, await DrainUntilClosedAsync(slow));
        Assert.Equal("slow consumer", slow.CloseStatusDescription);
    }

    [Fact]
    public async Task StoppingAReplica_ClosesItsClientsWith1012()
    {
        await using var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 1));

        await relay.App.StopResourceAsync(ResourceNames.WsBackend, 1, TestTimeouts.After(TestTimeouts.Recovery));

        var (status, reason) = await client.WaitForCloseAsync();
        Assert.Equal(ServiceRestart, status);
        Assert.Equal("service restart", reason);
        await relay.App.StartResourceAsync(ResourceNames.WsBackend, 1, TestTimeouts.After(TestTimeouts.Recovery));
    }

    private static async Task<WebSocketCloseStatus?> DrainUntilClosedAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var deadline = new CancellationTokenSource(TestTimeouts.Recovery);
        while (socket.State == WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer, deadline.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                break;
            }
        }

        return socket.CloseStatus;
    }

    /// <summary>
    /// The default send queue (1 MiB) and a long close budget, so the 4008 close frame can wait for the test to
    /// read the frames ahead of it instead of the socket being aborted.
    /// </summary>
    public sealed class SmallQueueApp(Xunit.Sdk.IMessageSink diagnostics) : RelayApp(diagnostics)
    {
        protected override IReadOnlyDictionary<string, string> ServiceEnvironment { get; } = new Dictionary<string, string>
        {
            ["WsBackend__CloseTimeout"] = "00:01:00",
        };
    }
}
