using System.Net;
using System.Text.Json;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.EndToEnd;

/// <summary>
/// A position older than what the history keeps is reported as not recovered, by the history API and by a
/// subscribe. The app keeps 10 messages per channel; Redis trims approximately (whole stream nodes), so the tests
/// read where the history starts instead of assuming it.
/// </summary>
public sealed class TrimmedHistoryTests(SmallHistoryApp relay) : IClassFixture<SmallHistoryApp>
{
    private const int Published = 300;

    [Fact]
    public async Task History_OfAPositionBeforeTheFirstKept_IsNotRecovered_AndTheOneJustBefore_Is()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("trim-hist");
        var (first, last) = await PublishAndFindKeptAsync(api, channel);

        var tooOld = (await RelayApi.GetHistoryAsync(api, channel, $"since={first - 2}")).Expect(HttpStatusCode.OK).Body;
        var justBefore = (await RelayApi.GetHistoryAsync(api, channel, $"since={first - 1}&limit=1000")).Expect(HttpStatusCode.OK).Body;

        Assert.False(tooOld.Recovered(), $"since={first - 2} is older than the history (first kept {first}): {tooOld}");
        Assert.True(justBefore.Recovered(), $"since={first - 1}: {justBefore}");
        Assert.Equal(LongRange(first, last), Offsets(justBefore));
    }

    [Fact]
    public async Task History_KeepsAtLeastTheConfiguredSize_AndTrimsTheRest()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("trim-size");

        var (first, last) = await PublishAndFindKeptAsync(api, channel);

        Assert.Equal(Published, last);
        Assert.InRange(last - first + 1, SmallHistoryApp.HistorySize, Published - 1);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Subscribe_FromATrimmedPosition_IsNotRecovered_AndReplaysNothing(bool inTheQuery)
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("trim-ws");
        var (first, last) = await PublishAndFindKeptAsync(api, channel);
        var epoch = (await RelayApi.GetHistoryAsync(api, channel, "limit=1")).Body.Epoch()!;
        var since = first - 2;

        await using var client = inTheQuery
            ? await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0, $"channel={channel}&since={since}&epoch={epoch}"))
            : await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0, "channel=trim-home"));
        if (!inTheQuery)
        {
            await client.SendAsync(JsonSerializer.Serialize(new { type = "subscribe", channel, since = new { offset = since, epoch } }));
        }

        var live = Publisher.UniqueText("live");
        var subscribed = await client.ReceiveSubscribedAsync(channel);
        await RelayApi.PublishAsync(api, channel, live);
        var frames = await client.ReceiveUntilAsync(channel, live);

        Assert.False(subscribed.Recovered(), $"since={since}, first kept {first}: {subscribed}");
        Assert.Equal(last, subscribed.Offset());
        Assert.Equal(epoch, subscribed.Epoch());
        Assert.Equal([last + 1], frames.MessageOffsets());
    }

    [Fact]
    public async Task Subscribe_FromJustBeforeTheFirstKept_ReplaysEveryKeptMessage()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("trim-ws-ok");
        var (first, last) = await PublishAndFindKeptAsync(api, channel);
        var epoch = (await RelayApi.GetHistoryAsync(api, channel, "limit=1")).Body.Epoch()!;

        await using var client = await WsTestClient.ConnectAsync(
            relay.WebSocketUri(ResourceNames.WsBackend, 1, $"channel={channel}&since={first - 1}&epoch={epoch}"));
        var live = Publisher.UniqueText("live");
        var subscribed = await client.ReceiveSubscribedAsync(channel);
        await RelayApi.PublishAsync(api, channel, live);
        var frames = await client.ReceiveUntilAsync(channel, live);

        Assert.True(subscribed.Recovered(), subscribed.ToString());
        Assert.Equal(LongRange(first, last + 1), frames.MessageOffsets());
    }

    // Publishes enough to be trimmed; returns the first and last offsets the history still holds.
    private static async Task<(long First, long Last)> PublishAndFindKeptAsync(HttpClient api, string channel)
    {
        await RelayApi.PublishManyAsync(api, channel, Published);
        var kept = Offsets((await RelayApi.GetHistoryAsync(api, channel, "limit=1000")).Expect(HttpStatusCode.OK).Body);
        Assert.True(kept.Length > 0 && kept[0] > 2, $"The history of {Published} messages was not trimmed to about {SmallHistoryApp.HistorySize}: first kept {kept.FirstOrDefault()}.");
        Assert.Equal(LongRange(kept[0], kept[^1]), kept);
        return (kept[0], kept[^1]);
    }

    private static long[] Offsets(JsonElement history) => [.. history.GetProperty("messages").EnumerateArray().Select(m => m.Offset())];

    private static long[] LongRange(long first, long last) => [.. Enumerable.Range((int)first, (int)(last - first + 1)).Select(i => (long)i)];
}
