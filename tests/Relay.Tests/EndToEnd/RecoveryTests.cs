using System.Net;
using System.Text.Json;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.EndToEnd;

/// <summary>Subscribing from a position (<c>since</c> + <c>epoch</c>): replay, then live, with no gap and no duplicate.</summary>
[Collection(RelayAppCollection.Name)]
public sealed class RecoveryTests(RelayApp relay)
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task SubscribeFrameWithSince_ReplaysExactlyTheMissed_ThenLive(int replica)
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("recover-frame");
        var published = await RelayApi.PublishManyAsync(api, channel, 5);
        await using var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, replica, "channel=recover-home"));

        await client.SendAsync(SubscribeFrame(channel, 2, published[0].Epoch));
        var subscribed = await client.ReceiveSubscribedAsync(channel);
        var live = Publisher.UniqueText("live");
        await RelayApi.PublishAsync(api, channel, live);
        var frames = await client.ReceiveUntilAsync(channel, live);

        Assert.True(subscribed.Recovered(), subscribed.ToString());
        Assert.Equal(5, subscribed.Offset());
        Assert.Equal(published[0].Epoch, subscribed.Epoch());
        Assert.Equal([3L, 4L, 5L, 6L], frames.MessageOffsets());
        Assert.Equal(published[2..].Select(p => p.Id), frames.Take(3).Select(f => f.GetProperty("id").GetString()));
        Assert.DoesNotContain(frames, f => f.Type() == "subscribed");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task QueryWithSinceAndEpoch_ReplaysExactlyTheMissed_ThenLive(int replica)
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("recover-query");
        var published = await RelayApi.PublishManyAsync(api, channel, 4);

        await using var client = await WsTestClient.ConnectAsync(
            relay.WebSocketUri(ResourceNames.WsBackend, replica, $"channel={channel}&since=1&epoch={published[0].Epoch}"));
        var subscribed = await client.ReceiveSubscribedAsync(channel);
        var live = Publisher.UniqueText("live");
        await RelayApi.PublishAsync(api, channel, live);
        var frames = await client.ReceiveUntilAsync(channel, live);

        Assert.True(subscribed.Recovered(), subscribed.ToString());
        Assert.Equal(4, subscribed.Offset());
        Assert.Equal([2L, 3L, 4L, 5L], frames.MessageOffsets());
    }

    [Fact]
    public async Task ReceiverProxy_PassesSinceAndEpochThrough()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("recover-proxy");
        var published = await RelayApi.PublishManyAsync(api, channel, 3);

        await using var client = await WsTestClient.ConnectAsync(
            relay.WebSocketUri(ResourceNames.Receiver, 0, $"channel={channel}&since=2&epoch={published[0].Epoch}"));
        var subscribed = await client.ReceiveSubscribedAsync(channel);
        var replayed = await client.ReceiveAsync(f => f.IsOn("message", channel));

        Assert.True(subscribed.Recovered(), subscribed.ToString());
        Assert.Equal(3, replayed.Offset());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task SubscribingWhilePublishing_GetsEveryOffsetOnce_InOrder(int replica)
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("recover-race");
        var epoch = (await RelayApi.PublishManyAsync(api, channel, 50, "before"))[0].Epoch;
        var publishedSoFar = 50L;
        var publishing = Task.Run(async () =>
        {
            for (var i = 0; i < 400; i++)
            {
                Interlocked.Exchange(ref publishedSoFar, (await RelayApi.PublishAsync(api, channel, $"during-{i}")).Offset);
            }
        }, TestContext.Current.CancellationToken);

        await WaitUntilAsync(() => Interlocked.Read(ref publishedSoFar) >= 100);
        await using var fromQuery = await WsTestClient.ConnectAsync(
            relay.WebSocketUri(ResourceNames.WsBackend, replica, $"channel={channel}&since=20&epoch={epoch}"));
        await using var fromFrame = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, replica, "channel=recover-home"));
        await fromFrame.SendAsync(SubscribeFrame(channel, 30, epoch));
        await using var live = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 1 - replica, $"channel={channel}"));
        await publishing.WaitAsync(TestTimeouts.Recovery, TestContext.Current.CancellationToken);
        var marker = Publisher.UniqueText("marker");
        var last = (await RelayApi.PublishAsync(api, channel, marker)).Offset;

        Assert.Equal(451, last);
        foreach (var (client, since) in new[] { (fromQuery, 20L), (fromFrame, 30L) })
        {
            var frames = await client.ReceiveUntilAsync(channel, marker);
            Assert.True(frames[0].Recovered(), frames[0].ToString());
            Assert.Equal(LongRange(since + 1, last), frames.MessageOffsets());
        }

        var liveFrames = await live.ReceiveUntilAsync(channel, marker);
        Assert.Equal("subscribed", liveFrames[0].Type());
        Assert.Equal(LongRange(liveFrames[0].Offset() + 1, last), liveFrames.MessageOffsets());
    }

    [Fact]
    public async Task SinceAtTheLastOffset_IsRecovered_WithNothingToReplay()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("recover-end");
        var published = await RelayApi.PublishManyAsync(api, channel, 3);
        await using var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0, "channel=recover-home"));

        await client.SendAsync(SubscribeFrame(channel, 3, published[0].Epoch));
        var subscribed = await client.ReceiveSubscribedAsync(channel);
        var live = Publisher.UniqueText("live");
        await RelayApi.PublishAsync(api, channel, live);
        var frames = await client.ReceiveUntilAsync(channel, live);

        Assert.True(subscribed.Recovered(), subscribed.ToString());
        Assert.Equal([4L], frames.MessageOffsets());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnotherEpoch_IsNotRecovered_AndGetsTheCurrentEpochFromItsStart(bool inTheQuery)
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("recover-epoch");
        var published = await RelayApi.PublishManyAsync(api, channel, 3);
        const string OtherEpoch = "0123456789abc";
        Assert.NotEqual(OtherEpoch, published[0].Epoch);

        await using var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 1,
            inTheQuery ? $"channel={channel}&since=1&epoch={OtherEpoch}" : "channel=recover-home"));
        if (!inTheQuery)
        {
            await client.SendAsync(SubscribeFrame(channel, 1, OtherEpoch));
        }

        var subscribed = await client.ReceiveSubscribedAsync(channel);
        var live = Publisher.UniqueText("live");
        await RelayApi.PublishAsync(api, channel, live);
        var frames = await client.ReceiveUntilAsync(channel, live);

        // The position is of another epoch: not recovered, and the current epoch is given whole from its offset 1,
        // as its live subscribers got it.
        Assert.False(subscribed.Recovered(), subscribed.ToString());
        Assert.Equal(published[0].Epoch, subscribed.Epoch());
        Assert.Equal(0, subscribed.Offset());
        Assert.Equal([1L, 2L, 3L, 4L], frames.MessageOffsets());
    }

    [Fact]
    public async Task SinceAheadOfTheChannel_IsNotRecovered()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("recover-ahead");
        var published = await RelayApi.PublishManyAsync(api, channel, 2);
        await using var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0, "channel=recover-home"));

        await client.SendAsync(SubscribeFrame(channel, 9, published[0].Epoch));

        var subscribed = await client.ReceiveSubscribedAsync(channel);
        Assert.False(subscribed.Recovered(), subscribed.ToString());
        Assert.Equal(2, subscribed.Offset());
    }

    [Fact]
    public async Task SubscribeWithoutSince_GivesTheCurrentPosition_AndNoRecoveredFlag()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("recover-none");
        var published = await RelayApi.PublishManyAsync(api, channel, 2);
        var never = RelayApi.UniqueChannel("recover-never");
        await using var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 1, $"channel={channel}"));

        var subscribed = await client.ReceiveSubscribedAsync(channel);
        await client.SendAsync(JsonSerializer.Serialize(new { type = "subscribe", channel = never }));
        var empty = await client.ReceiveSubscribedAsync(never);

        Assert.Equal(2, subscribed.Offset());
        Assert.Equal(published[0].Epoch, subscribed.Epoch());
        Assert.Null(subscribed.Recovered());
        Assert.Equal(0, empty.Offset());
        Assert.Null(empty.Epoch());
        Assert.Null(empty.Recovered());
    }

    [Theory]
    [InlineData("since=-1&epoch=e")]
    [InlineData("since=abc&epoch=e")]
    [InlineData("since=1")]
    [InlineData("since=1&epoch=e&channel=other")]
    public async Task BadSinceInTheQuery_Returns400BeforeTheUpgrade(string since)
    {
        var status = await WsFrames.RefusedUpgradeAsync(
            relay.WebSocketUri(ResourceNames.WsBackend, 0, "channel=recover-bad&" + since));

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task BadSinceInTheQuery_IsAProblemDetailsNamingSince()
    {
        using var http = relay.CreateHttpClient(ResourceNames.WsBackend);
        using var request = new HttpRequestMessage(HttpMethod.Get, RelayRoutes.WebSocket + "?channel=a&channel=b&since=1&epoch=e");
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Add(new("websocket"));
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));

        using var response = await http.SendAsync(request, TestTimeouts.After(TestTimeouts.Step));

        var answer = (await ApiAnswer.ReadAsync(response)).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Contains("since", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"subscribe","channel":"recover-bad","since":5}""")]
    [InlineData("""{"type":"subscribe","channel":"recover-bad","since":{"offset":-1,"epoch":"e"}}""")]
    [InlineData("""{"type":"subscribe","channel":"recover-bad","since":{"offset":"1","epoch":"e"}}""")]
    [InlineData("""{"type":"subscribe","channel":"recover-bad","since":{"offset":1.5,"epoch":"e"}}""")]
    [InlineData("""{"type":"subscribe","channel":"recover-bad","since":{"offset":1}}""")]
    [InlineData("""{"type":"subscribe","channel":"recover-bad","since":{"offset":1,"epoch":7}}""")]
    public async Task BadSinceInASubscribeFrame_GetsAnErrorFrame_AndTheConnectionKeepsWorking(string frame)
    {
        await using var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 1, "channel=recover-after-error"));
        await client.ReceiveSubscribedAsync("recover-after-error");

        await client.SendAsync(frame);

        var error = await client.ReceiveAsync(f => f.Type() == "error" || f.IsOn("subscribed", "recover-bad"));
        Assert.True(error.Type() == "error", $"Expected an error frame, got {error}");
        var reason = error.GetProperty("reason").GetString() ?? "";
        Assert.True(new[] { "since", "offset", "epoch" }.Any(word => reason.Contains(word, StringComparison.Ordinal)),
            $"The reason does not name what was wrong: {reason}");
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var text = Publisher.UniqueText();
        await Publisher.PublishAsync(api, "recover-after-error", text);
        await client.ReceiveMessageAsync(text);
    }

    [Fact]
    public async Task MessageMissingFromPubSub_IsRepairedFromTheHistory_InOrder_OnBothReplicas()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("gap");
        var published = await RelayApi.PublishManyAsync(api, channel, 2);
        await using var first = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0, $"channel={channel}"));
        await using var second = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 1, $"channel={channel}"));
        await first.ReceiveSubscribedAsync(channel);
        await second.ReceiveSubscribedAsync(channel);
        await using var redis = await RedisAccess.ConnectAsync(relay);

        var missing = await redis.AppendWithoutPublishAsync(channel, published[0].Epoch, Publisher.UniqueText("unpublished"));
        var nextText = Publisher.UniqueText("next");
        var next = await RelayApi.PublishAsync(api, channel, nextText);

        Assert.Equal(3, missing.Offset);
        Assert.Equal(4, next.Offset);
        foreach (var client in new[] { first, second })
        {
            var frames = await client.ReceiveUntilAsync(channel, nextText);
            Assert.Equal([3L, 4L], frames.MessageOffsets());
            Assert.Equal(missing.Id, frames[0].GetProperty("id").GetString());
            Assert.Equal(missing.Text, frames[0].Text());
        }
    }

    private static long[] LongRange(long first, long last) => [.. Enumerable.Range((int)first, (int)(last - first + 1)).Select(i => (long)i)];

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Step);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        while (!condition())
        {
            await poll.WaitForNextTickAsync(deadline.Token);
        }
    }

    private static string SubscribeFrame(string channel, long since, string epoch) =>
        JsonSerializer.Serialize(new { type = "subscribe", channel, since = new { offset = since, epoch } });
}
