using System.Net;
using System.Text.Json;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.EndToEnd;

/// <summary><c>GET /api/channels/{channel}/messages?since=&amp;limit=</c>.</summary>
[Collection(RelayAppCollection.Name)]
public sealed class HistoryApiTests(RelayApp relay)
{
    [Fact]
    public async Task WithoutSince_ReturnsTheLatestLimit_OldestFirst()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("hist-latest");
        var published = await RelayApi.PublishManyAsync(api, channel, 5);

        var history = (await RelayApi.GetHistoryAsync(api, channel, "limit=3")).Expect(HttpStatusCode.OK).Body;

        Assert.Equal(channel, history.GetProperty("channel").GetString());
        Assert.Equal(published[0].Epoch, history.GetProperty("epoch").GetString());
        Assert.Equal(5, history.GetProperty("offset").GetInt64());
        Assert.Equal([3L, 4L, 5L], Messages(history).Select(m => m.Offset()));
        Assert.Equal(published[2..].Select(p => p.Id), Messages(history).Select(m => m.GetProperty("id").GetString()));
        Assert.False(history.TryGetProperty("recovered", out var recovered) && recovered.ValueKind != JsonValueKind.Null,
            $"recovered is only for a read with since: {history}");
    }

    [Fact]
    public async Task LargeMessages_ArePagedByBytes_SinceTheLastOffsetGot()
    {
        // 70 × 64 KiB of data is ~6 MB as base64: more than one answer carries (4 MiB), so it comes in two pages.
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("hist-bytes");
        var data = new byte[MessageLimits.MaxDataBytes];
        for (var i = 0; i < 70; i++)
        {
            await RelayApi.PublishDataAsync(api, channel, data, "application/octet-stream");
        }

        var first = (await RelayApi.GetHistoryAsync(api, channel, "since=0&limit=1000")).Expect(HttpStatusCode.OK).Body;
        var firstOffsets = Messages(first).Select(m => m.Offset()).ToList();
        var rest = (await RelayApi.GetHistoryAsync(api, channel, $"since={firstOffsets[^1]}&limit=1000")).Expect(HttpStatusCode.OK).Body;
        var latest = (await RelayApi.GetHistoryAsync(api, channel, "limit=1000")).Expect(HttpStatusCode.OK).Body;

        Assert.InRange(firstOffsets.Count, 10, 69);
        Assert.Equal(Enumerable.Range(1, firstOffsets.Count).Select(i => (long)i), firstOffsets);
        Assert.Equal(Enumerable.Range(firstOffsets.Count + 1, 70 - firstOffsets.Count).Select(i => (long)i), Messages(rest).Select(m => m.Offset()));
        Assert.True(first.GetProperty("recovered").GetBoolean(), first.GetProperty("offset").ToString());
        Assert.Equal(70, first.GetProperty("offset").GetInt64());

        // Without since the newest are kept: the page ends at the last offset.
        var latestOffsets = Messages(latest).Select(m => m.Offset()).ToList();
        Assert.Equal(70L, latestOffsets[^1]);
        Assert.Equal(Enumerable.Range(71 - latestOffsets.Count, latestOffsets.Count).Select(i => (long)i), latestOffsets);
    }

    [Fact]
    public async Task WithoutLimit_ReturnsTheLatest100()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("hist-default");
        await RelayApi.PublishManyAsync(api, channel, 105);

        var history = (await RelayApi.GetHistoryAsync(api, channel)).Expect(HttpStatusCode.OK).Body;

        Assert.Equal(Enumerable.Range(6, 100).Select(i => (long)i), Messages(history).Select(m => m.Offset()));
    }

    [Fact]
    public async Task WithSince_ReturnsTheMessagesAfterIt_UpToLimit_AndRecoveredTrue()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("hist-since");
        var published = await RelayApi.PublishManyAsync(api, channel, 5);

        var afterTwo = (await RelayApi.GetHistoryAsync(api, channel, "since=2")).Expect(HttpStatusCode.OK).Body;
        var page = (await RelayApi.GetHistoryAsync(api, channel, "since=1&limit=2")).Expect(HttpStatusCode.OK).Body;
        var fromStart = (await RelayApi.GetHistoryAsync(api, channel, "since=0")).Expect(HttpStatusCode.OK).Body;
        var atEnd = (await RelayApi.GetHistoryAsync(api, channel, "since=5")).Expect(HttpStatusCode.OK).Body;
        var sameEpoch = (await RelayApi.GetHistoryAsync(api, channel, $"since=3&epoch={published[0].Epoch}")).Expect(HttpStatusCode.OK).Body;

        Assert.Equal([3L, 4L, 5L], Messages(afterTwo).Select(m => m.Offset()));
        Assert.Equal([2L, 3L], Messages(page).Select(m => m.Offset()));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], Messages(fromStart).Select(m => m.Offset()));
        Assert.Empty(Messages(atEnd));
        Assert.Equal([4L, 5L], Messages(sameEpoch).Select(m => m.Offset()));
        Assert.All(new[] { afterTwo, page, fromStart, atEnd, sameEpoch }, h =>
        {
            Assert.True(h.Recovered(), $"Expected recovered:true: {h}");
            Assert.Equal(5, h.GetProperty("offset").GetInt64());
            Assert.Equal(published[0].Epoch, h.GetProperty("epoch").GetString());
        });
    }

    [Fact]
    public async Task Messages_HaveThePublishedFields_AndNoTraceContext()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("hist-fields");
        var text = await RelayApi.PublishAsync(api, channel, "hello ünïcode \"quoted\"");
        var data = await RelayApi.PublishDataAsync(api, channel, [0, 1, 2, 255], "application/octet-stream");

        var messages = Messages((await RelayApi.GetHistoryAsync(api, channel)).Expect(HttpStatusCode.OK).Body);

        Assert.Equal(2, messages.Length);
        var (first, second) = (messages[0], messages[1]);
        Assert.Equal(text.Id, first.GetProperty("id").GetString());
        Assert.Equal(channel, first.GetProperty("channel").GetString());
        Assert.Equal("tests", first.GetProperty("sender").GetString());
        Assert.Equal("hello ünïcode \"quoted\"", first.Text());
        Assert.Equal(text.PublishedAt, first.GetProperty("publishedAt").GetString());
        Assert.Equal(text.Epoch, first.Epoch());
        Assert.Equal(data.Id, second.GetProperty("id").GetString());
        Assert.Equal(Convert.ToBase64String([0, 1, 2, 255]), second.GetProperty("data").GetString());
        Assert.Equal("application/octet-stream", second.GetProperty("contentType").GetString());
        Assert.All(messages, m =>
        {
            Assert.False(m.TryGetProperty("traceParent", out _), m.ToString());
            Assert.False(m.TryGetProperty("traceState", out _), m.ToString());
        });
    }

    [Fact]
    public async Task UnknownChannel_IsEmpty_AtOffset0()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);

        var history = (await RelayApi.GetHistoryAsync(api, RelayApi.UniqueChannel("hist-never"))).Expect(HttpStatusCode.OK).Body;

        Assert.Equal(0, history.GetProperty("offset").GetInt64());
        Assert.Null(history.Epoch());
        Assert.Empty(Messages(history));
    }

    [Fact]
    public async Task SinceAfterTheLastOffset_OrAnotherEpoch_IsNotRecovered()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("hist-other");
        await RelayApi.PublishManyAsync(api, channel, 3);

        var ahead = (await RelayApi.GetHistoryAsync(api, channel, "since=7")).Expect(HttpStatusCode.OK).Body;
        var otherEpoch = (await RelayApi.GetHistoryAsync(api, channel, "since=1&epoch=not-this-epoch")).Expect(HttpStatusCode.OK).Body;

        Assert.False(ahead.Recovered(), $"A position past the last offset is from another epoch: {ahead}");
        Assert.False(otherEpoch.Recovered(), $"Another epoch: {otherEpoch}");
        Assert.Equal(3, ahead.GetProperty("offset").GetInt64());
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("limit=-1")]
    [InlineData("limit=ten")]
    [InlineData("since=-1")]
    [InlineData("since=abc")]
    [InlineData("since=1.5")]
    public async Task OutOfBoundsSinceOrLimit_Returns400(string query)
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);

        (await RelayApi.GetHistoryAsync(api, "hist-bounds", query)).ExpectProblem(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("limit=1")]
    [InlineData("limit=1000")]
    [InlineData("since=0&limit=1000")]
    public async Task LimitBounds_AreInclusive(string query)
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);

        (await RelayApi.GetHistoryAsync(api, "hist-bounds", query)).Expect(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("bad%20channel!")]
    [InlineData("-starts-with-dash")]
    [InlineData("x123456789012345678901234567890123456789012345678901234567890abcd")]
    public async Task InvalidChannel_Returns400(string channel)
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);

        (await RelayApi.GetHistoryAsync(api, channel)).ExpectProblem(HttpStatusCode.BadRequest);
    }

    private static JsonElement[] Messages(JsonElement history) => [.. history.GetProperty("messages").EnumerateArray()];
}
