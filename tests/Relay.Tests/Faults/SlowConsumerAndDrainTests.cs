using System.Net.WebSockets;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Faults;

/// <summary>The two closes a replica starts by itself: 4008 for a client that stops reading, 1012 when it stops.</summary>
[Trait("Category", "Faults")]
public sealed class SlowConsumerAndDrainTests(SlowConsumerAndDrainTests.SmallQueueApp relay) : IClassFixture<SlowConsumerAndDrainTests.SmallQueueApp>
{
    private const int Messages = 3_000;

    /// <summary>About 2 MB/s of frames: a reading client keeps up easily, and a stuck one fills its 1 MiB queue in half a second.</summary>
    private const int PerSecond = 500;

    private const WebSocketCloseStatus SlowConsumer = (WebSocketCloseStatus)4008;
    private const WebSocketCloseStatus ServiceRestart = (WebSocketCloseStatus)1012;
    private const long Mib = 1024 * 1024;

    /// <summary>Generous: the machine runs six processes and the tests on few cores.</summary>
    private static readonly TimeSpan MaxDeliveryLag = TimeSpan.FromSeconds(2);

    /// <summary>
    /// What a replica may grow by while it fans out 3,000 messages of 4 KB (12 MB) to two sockets, one of them stuck
    /// behind a 1 MiB send queue: the stuck one must cost its queue, not the whole stream.
    /// </summary>
    private const long MaxRssGrowthBytes = 64 * Mib;

    [Fact(Timeout = 60_000)]
    public async Task ClientThatStopsReading_IsClosedWith4008_WhileAnotherClientGetsEverythingPromptly_InBoundedMemory()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var channel = $"slow-{Guid.NewGuid():N}";
        var query = $"channel={channel}";
        using var slow = new ClientWebSocket();
        TestCredentials.Authorize(slow.Options, relay.WebSocketUri(ResourceNames.WsBackend, 0, query));
        await slow.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0, query), TestTimeouts.After(TestTimeouts.Step));
        await using var reader = await RecoveringClient.ConnectAsync([relay.WebSocketUri(ResourceNames.WsBackend, 0)], channel, reconnect: false);
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var padding = new string('x', 3_900);
        var pid = relay.Replica(ResourceNames.WsBackend, 0).ProcessId!.Value;
        var baseline = RssSampler.Read(pid);
        await using var rss = RssSampler.Start(pid, TimeSpan.FromMilliseconds(20));

        var acks = await new SteadyPublisher(api, channel, Messages, PerSecond) { Padding = padding }.RunAsync().WaitAsync(TestTimeouts.Recovery, cancellation);

        var (published, epoch) = Acknowledgements.AssertOnePositionEach(acks);
        await reader.WaitForOffsetAsync(Messages, TestTimeouts.Step, cancellation);
        reader.AssertReceivedExactly(published, epoch);
        var lags = reader.Messages.Select(m => m.ReceivedAt - m.PublishedAt).Order().ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Lag publishedAt → reader: median {lags[lags.Count / 2].TotalMilliseconds:F0} ms, p99 {lags[lags.Count * 99 / 100].TotalMilliseconds:F0} ms, max {lags[^1].TotalMilliseconds:F0} ms.");
        Assert.True(lags[^1] < MaxDeliveryLag,
            $"A message took {lags[^1].TotalMilliseconds:F0} ms from publishedAt to the reading client (median {lags[lags.Count / 2].TotalMilliseconds:F0} ms, " +
            $"p99 {lags[lags.Count * 99 / 100].TotalMilliseconds:F0} ms); the bound is {MaxDeliveryLag.TotalMilliseconds} ms.");
        Assert.Empty(reader.Closes);

        Assert.Equal(SlowConsumer, await DrainUntilClosedAsync(slow));
        Assert.Equal("slow consumer", slow.CloseStatusDescription);
        var growth = rss.PeakBytes - baseline;
        TestContext.Current.TestOutputHelper?.WriteLine($"wsbackend-0 RSS: {baseline / Mib} MiB before, peak {rss.PeakBytes / Mib} MiB.");
        Assert.True(growth < MaxRssGrowthBytes,
            $"wsbackend-0 grew from {baseline / Mib} MiB to a peak of {rss.PeakBytes / Mib} MiB (+{growth / Mib} MiB); the bound is +{MaxRssGrowthBytes / Mib} MiB.");
    }

    [Fact]
    public async Task StoppingAReplica_ClosesItsClientsWith1012()
    {
        await using var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 1));

        await relay.StopResourceAsync(ResourceNames.WsBackend, 1, TestTimeouts.After(TestTimeouts.Recovery));

        var (status, reason) = await client.WaitForCloseAsync();
        Assert.Equal(ServiceRestart, status);
        Assert.Equal("service restart", reason);
        await relay.StartResourceAsync(ResourceNames.WsBackend, 1, TestTimeouts.After(TestTimeouts.Recovery));
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
