using System.Net;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.EndToEnd;

/// <summary>The 202's position (offset, epoch), Idempotency-Key and binary payloads of <c>POST /api/messages</c>.</summary>
[Collection(RelayAppCollection.Name)]
public sealed class PublishPositionTests(RelayApp relay)
{
    // The smallest valid PNG: one transparent pixel.
    private static readonly byte[] s_png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Publish_Returns202WithOffsets1To3_AndOneEpoch_PerChannel()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var first = RelayApi.UniqueChannel("pos-a");
        var second = RelayApi.UniqueChannel("pos-b");

        var onFirst = await RelayApi.PublishManyAsync(api, first, 3);
        var onSecond = await RelayApi.PublishManyAsync(api, second, 2);

        Assert.Equal([1L, 2L, 3L], onFirst.Select(p => p.Offset));
        Assert.Equal([1L, 2L], onSecond.Select(p => p.Offset));
        Assert.Single(onFirst.Select(p => p.Epoch).Distinct());
        Assert.Single(onSecond.Select(p => p.Epoch).Distinct());
        Assert.All(onFirst.Concat(onSecond), p => Assert.False(string.IsNullOrWhiteSpace(p.Epoch)));
        Assert.All(onFirst, p => Assert.Equal(first, p.Channel));
        Assert.Equal(5, onFirst.Concat(onSecond).Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public async Task MessageFrame_CarriesTheOffsetAndEpochOfThe202()
    {
        var channel = RelayApi.UniqueChannel("pos-frame");
        await using var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 1, $"channel={channel}"));
        await client.ReceiveSubscribedAsync(channel);
        using var api = relay.CreateHttpClient(ResourceNames.Api);

        var published = await RelayApi.PublishManyAsync(api, channel, 2);

        foreach (var expected in published)
        {
            var frame = await client.ReceiveAsync(f => f.IsOn("message", channel));
            Assert.Equal(expected.Id, frame.GetProperty("id").GetString());
            Assert.Equal(expected.Offset, frame.Offset());
            Assert.Equal(expected.Epoch, frame.Epoch());
            Assert.Equal(expected.PublishedAt, frame.GetProperty("publishedAt").GetString());
        }
    }

    [Theory]
    [InlineData("}")]
    [InlineData("{\"offset\":99,\"epoch\":\"x\"}")]
    [InlineData("%s %d %% %1 $1 \\1")]
    [InlineData("quote \" backslash \\ slash / tab \t newline \n")]
    [InlineData("Zoë 😀 \u2028 \u0000 end")]
    public async Task AnyText_ArrivesUnchanged_InTheFrameAndTheHistory(string text)
    {
        var channel = RelayApi.UniqueChannel("text");
        await using var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0, $"channel={channel}"));
        await client.ReceiveSubscribedAsync(channel);
        using var api = relay.CreateHttpClient(ResourceNames.Api);

        var published = await RelayApi.PublishAsync(api, channel, text);

        var frame = await client.ReceiveAsync(f => f.IsOn("message", channel));
        Assert.Equal(text, frame.Text());
        Assert.Equal(published.Offset, frame.Offset());
        Assert.Equal(published.Epoch, frame.Epoch());
        var stored = (await RelayApi.GetHistoryAsync(api, channel)).Expect(HttpStatusCode.OK).Body.GetProperty("messages")[0];
        Assert.Equal(text, stored.Text());
        Assert.Equal(1, stored.Offset());
    }

    [Fact]
    public async Task RepeatedIdempotencyKey_ReturnsTheFirstAnswer_AndPublishesOnce()
    {
        var channel = RelayApi.UniqueChannel("idem");
        await using var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0, $"channel={channel}"));
        await client.ReceiveSubscribedAsync(channel);
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var key = Guid.NewGuid().ToString();
        var text = Publisher.UniqueText("once");
        var body = new { channel, sender = "tests", text };

        var first = (await RelayApi.PostAsync(api, body, key)).Expect(HttpStatusCode.Accepted);
        var repeat = (await RelayApi.PostAsync(api, body, key)).Expect(HttpStatusCode.Accepted);
        var markerText = Publisher.UniqueText("marker");
        var marker = await RelayApi.PublishAsync(api, channel, markerText);

        Assert.Null(first.Replayed);
        Assert.Equal("true", repeat.Replayed);
        Assert.Equal(PublishedMessage.From(first.Body), PublishedMessage.From(repeat.Body));
        Assert.Equal(1, PublishedMessage.From(first.Body).Offset);
        Assert.Equal(2, marker.Offset);
        var frames = await client.ReceiveUntilAsync(channel, markerText);
        Assert.Equal([1L, 2L], frames.MessageOffsets());
        Assert.Equal(text, frames.First(f => f.Type() == "message").Text());
    }

    [Fact]
    public async Task IdempotencyKey_ReusedForAnotherMessage_Returns422_AndPublishesNothing()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("idem-422");
        var key = Guid.NewGuid().ToString();
        await RelayApi.PublishAsync(api, channel, "first", key);

        (await RelayApi.PostAsync(api, new { channel, sender = "tests", text = "second" }, key))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity);
        (await RelayApi.PostAsync(api, new { channel, sender = "someone else", text = "first" }, key))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity);
        var next = await RelayApi.PublishAsync(api, channel, "after");
        Assert.Equal(2, next.Offset);
    }

    [Fact]
    public async Task IdempotencyKey_IsScopedPerChannel_SoAnotherChannelPublishesAgain()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var channel = RelayApi.UniqueChannel("idem-scope");
        var key = Guid.NewGuid().ToString();
        await RelayApi.PublishAsync(api, channel, "first", key);

        // The key lives in its channel's Redis Cluster slot, beside the channel's history (docs/protocol.md).
        var other = await RelayApi.PublishAsync(api, channel + "x", "first", key);
        Assert.Equal(1, other.Offset);
        var replayed = await RelayApi.PublishAsync(api, channel + "x", "first", key);
        Assert.Equal(1, replayed.Offset);
        Assert.Equal(other.Id, replayed.Id);
    }

    [Theory]
    [InlineData(129)]
    [InlineData(1000)]
    public async Task IdempotencyKey_LongerThan128_Returns400NamingTheHeader(int length)
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);

        var answer = await RelayApi.PostAsync(api, new { channel = "idem-bad", sender = "tests", text = "t" }, new string('k', length));

        answer.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Contains(HistoryLimits.IdempotencyKeyHeader, answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("tab\tinside")]
    public async Task IdempotencyKey_WithCharactersOutsideVisibleAscii_Returns400(string key)
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);

        var answer = await RelayApi.PostAsync(api, new { channel = "idem-bad", sender = "tests", text = "t" }, key);

        answer.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Contains(HistoryLimits.IdempotencyKeyHeader, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdempotencyKey_Of128VisibleAsciiCharacters_IsAccepted_AndRemembered()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        // Every visible ASCII character (0x21-0x7E, quotes and backslash included), made unique per run.
        var key = Guid.NewGuid().ToString("N") + "~~" + string.Concat(Enumerable.Range(0x21, 94).Select(c => (char)c));
        Assert.Equal(MessageLimits.MaxIdempotencyKeyLength, key.Length);
        var body = new { channel = RelayApi.UniqueChannel("idem-128"), sender = "tests", text = Publisher.UniqueText() };

        var first = (await RelayApi.PostAsync(api, body, key)).Expect(HttpStatusCode.Accepted);
        var repeat = (await RelayApi.PostAsync(api, body, key)).Expect(HttpStatusCode.Accepted);

        Assert.Equal(1, PublishedMessage.From(first.Body).Offset);
        Assert.Equal("true", repeat.Replayed);
        Assert.Equal(PublishedMessage.From(first.Body), PublishedMessage.From(repeat.Body));
    }

    [Fact]
    public async Task ConcurrentRequests_WithOneIdempotencyKey_PublishOnce()
    {
        var channel = RelayApi.UniqueChannel("idem-race");
        await using var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 1, $"channel={channel}"));
        await client.ReceiveSubscribedAsync(channel);
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var key = Guid.NewGuid().ToString();
        var body = new { channel, sender = "tests", text = Publisher.UniqueText("race") };

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => RelayApi.PostAsync(api, body, key))));
        var markerText = Publisher.UniqueText("marker");
        var marker = await RelayApi.PublishAsync(api, channel, markerText);

        Assert.All(answers, a => a.Expect(HttpStatusCode.Accepted));
        Assert.Single(answers.Select(a => PublishedMessage.From(a.Body)).Distinct());
        Assert.Single(answers, a => a.Replayed is null);
        Assert.Equal(2, marker.Offset);
        var frames = await client.ReceiveUntilAsync(channel, markerText);
        Assert.Equal([1L, 2L], frames.MessageOffsets());
    }

    [Fact]
    public async Task ConcurrentPublishes_ToOneChannel_TakeOffsets1ToN_AndArriveInThatOrder()
    {
        // Many at once, so the Api batches them (several per script run): offsets, ids and keys stay exact.
        const int count = 120;
        var channel = RelayApi.UniqueChannel("batched");
        await using var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0, $"channel={channel}"));
        await client.ReceiveSubscribedAsync(channel);
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var repeatedKey = Guid.NewGuid().ToString();
        var repeatedBody = new { channel, sender = "tests", text = Publisher.UniqueText("repeated") };

        var answers = await Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(() => (i % 3) switch
        {
            0 => RelayApi.PostAsync(api, new { channel, sender = "tests", text = $"plain-{i}" }),
            1 => RelayApi.PostAsync(api, new { channel, sender = "tests", text = $"keyed-{i}" }, $"key-{channel}-{i}"),
            _ => RelayApi.PostAsync(api, repeatedBody, repeatedKey),
        })));
        var markerText = Publisher.UniqueText("marker");
        var marker = await RelayApi.PublishAsync(api, channel, markerText);

        Assert.All(answers, a => a.Expect(HttpStatusCode.Accepted));
        var published = answers.Select(a => PublishedMessage.From(a.Body)).ToList();
        var distinct = published.DistinctBy(p => p.Id).ToList();
        var expected = (2 * count / 3) + 1;
        Assert.Equal(expected, distinct.Count);
        Assert.Equal(Enumerable.Range(1, expected).Select(o => (long)o), distinct.Select(p => p.Offset).Order());
        Assert.Single(published.Select(p => p.Epoch).Distinct());
        Assert.Equal(expected + 1, marker.Offset);

        var frames = await client.ReceiveUntilAsync(channel, markerText);
        Assert.Equal(Enumerable.Range(1, expected + 1).Select(o => (long)o), frames.MessageOffsets());
        var idAt = distinct.ToDictionary(p => p.Offset, p => p.Id);
        Assert.All(frames.Where(f => f.Type() == "message" && f.Offset() <= expected), f => Assert.Equal(idAt[f.Offset()], f.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task BinaryMessage_ArrivesWithItsDataAndContentTypeUnchanged()
    {
        var channel = RelayApi.UniqueChannel("binary");
        await using var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0, $"channel={channel}"));
        await client.ReceiveSubscribedAsync(channel);
        using var api = relay.CreateHttpClient(ResourceNames.Api);

        var published = await RelayApi.PublishDataAsync(api, channel, s_png, "image/png");

        var frame = await client.ReceiveAsync(f => f.IsOn("message", channel));
        Assert.Equal(published.Id, frame.GetProperty("id").GetString());
        Assert.Equal(Convert.ToBase64String(s_png), frame.GetProperty("data").GetString());
        Assert.Equal("image/png", frame.GetProperty("contentType").GetString());
        Assert.False(frame.TryGetProperty("text", out _), $"A binary message has no text: {frame}");
        Assert.Equal(published.Offset, frame.Offset());
    }

    [Fact]
    public async Task Data_Of64KiB_IsAccepted_AndDelivered_And64KiBPlusOne_Returns400()
    {
        var channel = RelayApi.UniqueChannel("binary-max");
        await using var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 1, $"channel={channel}"));
        await client.ReceiveSubscribedAsync(channel);
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var largest = new byte[MessageLimits.MaxDataBytes];
        Random.Shared.NextBytes(largest);

        var published = await RelayApi.PublishDataAsync(api, channel, largest, "application/octet-stream");
        var tooLarge = await RelayApi.PostAsync(api, new
        {
            channel,
            sender = "tests",
            data = Convert.ToBase64String(new byte[MessageLimits.MaxDataBytes + 1]),
            contentType = "application/octet-stream",
        });

        var frame = await client.ReceiveAsync(f => f.IsOn("message", channel));
        Assert.Equal(published.Offset, frame.Offset());
        Assert.Equal(largest, Convert.FromBase64String(frame.GetProperty("data").GetString()!));
        tooLarge.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.True(tooLarge.Body.GetProperty("errors").TryGetProperty("data", out _), tooLarge.Text);
    }

    [Theory]
    [InlineData("""{"channel":"binary-bad","sender":"a","text":"t","data":"AQID","contentType":"image/png"}""", "text")]
    [InlineData("""{"channel":"binary-bad","sender":"a","data":"not base64!","contentType":"image/png"}""", "data")]
    [InlineData("""{"channel":"binary-bad","sender":"a","data":"AQID"}""", "contentType")]
    [InlineData("""{"channel":"binary-bad","sender":"a","data":"AQID","contentType":"png"}""", "contentType")]
    public async Task InvalidBinaryMessage_Returns400NamingTheField(string body, string field)
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await api.PostAsync(RelayRoutes.Messages, content, TestTimeouts.After(TestTimeouts.Step));

        var answer = (await ApiAnswer.ReadAsync(response)).ExpectProblem(HttpStatusCode.BadRequest);
        Assert.True(answer.Body.GetProperty("errors").TryGetProperty(field, out _), $"errors does not name '{field}': {answer.Text}");
    }

    [Fact]
    public async Task Sender_ForwardsTheIdempotencyKey_AndTheReplayedHeader()
    {
        using var sender = relay.CreateHttpClient(ResourceNames.Sender);
        var key = Guid.NewGuid().ToString();
        var body = new { channel = RelayApi.UniqueChannel("idem-sender"), sender = "tests", text = Publisher.UniqueText() };

        var first = (await PostToSenderAsync(sender, body, key)).Expect(HttpStatusCode.Accepted);
        var repeat = (await PostToSenderAsync(sender, body, key)).Expect(HttpStatusCode.Accepted);
        var other = await PostToSenderAsync(sender, body with { text = "another" }, key);

        Assert.Null(first.Replayed);
        Assert.Equal("true", repeat.Replayed);
        Assert.Equal(PublishedMessage.From(first.Body), PublishedMessage.From(repeat.Body));
        other.ExpectProblem(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Sender_ForwardsA64KiBBinaryMessage()
    {
        using var sender = relay.CreateHttpClient(ResourceNames.Sender);
        var channel = RelayApi.UniqueChannel("binary-sender");
        var data = new byte[MessageLimits.MaxDataBytes];
        Random.Shared.NextBytes(data);

        var answer = await PostToSenderAsync(sender, new { channel, sender = "tests", data = Convert.ToBase64String(data), contentType = "application/octet-stream" }, null);

        answer.Expect(HttpStatusCode.Accepted);
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var stored = (await RelayApi.GetHistoryAsync(api, channel)).Expect(HttpStatusCode.OK).Body.GetProperty("messages")[0];
        Assert.Equal(data, Convert.FromBase64String(stored.GetProperty("data").GetString()!));
    }

    private static async Task<ApiAnswer> PostToSenderAsync<T>(HttpClient sender, T body, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, RelayRoutes.SenderSend) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add(HistoryLimits.IdempotencyKeyHeader, idempotencyKey);
        }

        using var response = await sender.SendAsync(request, TestTimeouts.After(TestTimeouts.Step));
        return await ApiAnswer.ReadAsync(response);
    }
}
