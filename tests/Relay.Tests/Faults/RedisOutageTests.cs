using System.Net;
using System.Text.Json;
using Relay.Contracts;
using Relay.Tests.Infrastructure;
using StackExchange.Redis;

namespace Relay.Tests.Faults;

/// <summary>Stops and restarts Redis, so it has an app of its own (whose Redis keeps no data).</summary>
[Trait("Category", "Faults")]
public sealed class RedisOutageTests(RedisOutageTests.OutageApp relay) : IClassFixture<RedisOutageTests.OutageApp>
{
    [Fact]
    public async Task RedisDown_ApiAnswers503_AndRedisBack_PublishingAndDeliveryResumeWithoutRestarts()
    {
        var processesBefore = ServiceProcessIds();
        await using var first = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0));
        await using var second = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 1));
        using var api = relay.CreateHttpClient(ResourceNames.Api);

        await relay.StopResourceAsync(ResourceNames.Redis, cancellationToken: TestTimeouts.After(TestTimeouts.Step));

        var refused = await PublishUntilAsync(api, HttpStatusCode.ServiceUnavailable);
        Assert.True(refused.Headers.RetryAfter is not null, "503 without Retry-After");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        await relay.StartResourceAsync(ResourceNames.Redis, cancellationToken: TestTimeouts.After(TestTimeouts.Step));
        await relay.WaitForResourceHealthyAsync(ResourceNames.Redis, TestTimeouts.After(TestTimeouts.Recovery));

        await PublishUntilAsync(api, HttpStatusCode.Accepted);
        foreach (var client in new[] { first, second })
        {
            await DeliveredWithinAsync(api, client);
        }

        Assert.Equal(processesBefore, ServiceProcessIds());
    }

    [Fact(Timeout = 60_000)]
    public async Task RedisRestartedWithoutItsData_SubscribersAreToldNotRecovered_AndTheChannelRestartsAtOffset1InANewEpoch()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var channel = RelayApi.UniqueChannel("lost");
        await using var first = await RecoveringClient.ConnectAsync(relay.WsBackendsFrom(0), channel);
        await using var second = await RecoveringClient.ConnectAsync(relay.WsBackendsFrom(1), channel);
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var before = await RelayApi.PublishManyAsync(api, channel, 5, "before");
        var oldEpoch = Assert.Single(before.Select(p => p.Epoch).Distinct());
        foreach (var client in new[] { first, second })
        {
            await client.WaitForOffsetAsync(5, TestTimeouts.Step, cancellation);
        }

        await relay.RestartResourceAsync(ResourceNames.Redis, cancellationToken: TestTimeouts.After(TestTimeouts.Recovery));
        await relay.WaitForResourceHealthyAsync(ResourceNames.Redis, TestTimeouts.After(TestTimeouts.Recovery));
        var after = Assert.Single(await new SteadyPublisher(api, channel, count: 1, perSecond: 1) { WithIdempotencyKeys = true }.RunAsync()).Answer;

        Assert.Equal(1, after.Offset);
        Assert.NotEqual(oldEpoch, after.Epoch);
        foreach (var client in new[] { first, second })
        {
            await client.WaitUntilAsync(c => c.Messages.Any(m => m.Epoch == after.Epoch), TestTimeouts.Step, $"a message of the new epoch {after.Epoch}", cancellation);
            var told = client.Subscribed.FirstOrDefault(s => s.Recovered == false && s.Epoch == after.Epoch);
            Assert.True(told is not null, $"{client.Describe()} was not told that its position could not be recovered.");
            (long Offset, string? Epoch, string Id)[] expected = [.. before.Select(p => (p.Offset, (string?)p.Epoch, p.Id)), (1, after.Epoch, after.Id)];
            Assert.Equal(expected, client.Messages.Select(m => (m.Offset, m.Epoch, m.Id)));
            Assert.True(told.Sequence < client.Messages[^1].Sequence, $"{client.Describe()} got the new epoch's message before being told.");
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task RedisStallingWhileAReplicaRepairsAGap_TheMessagesTheHistoryHoldsStillArriveInOrder_NoneDeclaredLost()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var channel = RelayApi.UniqueChannel("stall");
        await using var client = await RecoveringClient.ConnectAsync(relay.WsBackendsFrom(0), channel);
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var first = await RelayApi.PublishAsync(api, channel, "first");
        await client.WaitForOffsetAsync(1, TestTimeouts.Step, cancellation);
        var options = ConfigurationOptions.Parse((await relay.GetConnectionStringAsync(ResourceNames.Redis))!);
        options.AllowAdmin = true;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(TestTimeouts.Step, cancellation);

        // Offsets 2 and 3 go into the history as the publish script writes them, but only 3 is published: the replica
        // must repair 2 from the history, and Redis stalls (CLIENT PAUSE) past the replica's 2 s read timeout just then.
        var stall = redis.GetDatabase().CreateTransaction();
        _ = stall.StreamAddAsync(RelayKeys.Stream(channel), RelayKeys.StreamField, Envelope(channel, first.Epoch, 2), RelayKeys.StreamId(2));
        _ = stall.StreamAddAsync(RelayKeys.Stream(channel), RelayKeys.StreamField, Envelope(channel, first.Epoch, 3), RelayKeys.StreamId(3));
        _ = stall.HashSetAsync(RelayKeys.Meta(channel), RelayKeys.OffsetField, 3);
        _ = stall.PublishAsync(RedisChannel.Sharded(RelayChannels.ToRedis(channel)), Envelope(channel, first.Epoch, 3));
        _ = stall.ExecuteAsync("CLIENT", "PAUSE", "3000", "ALL");
        Assert.True(await stall.ExecuteAsync().WaitAsync(TestTimeouts.Step, cancellation));
        var fourth = await new SteadyPublisher(api, channel, count: 1, perSecond: 1) { WithIdempotencyKeys = true }.RunAsync();

        Assert.Equal(4, Assert.Single(fourth).Answer.Offset);
        await client.WaitForOffsetAsync(4, TestTimeouts.Step, cancellation);
        Assert.True(client.Messages.Select(m => m.Offset).SequenceEqual([1, 2, 3, 4]) && client.Subscribed.All(s => s.Recovered != false),
            $"{client.Describe()}: offset 2 is in the history, yet the replica did not deliver it in order.");
    }

    private static string Envelope(string channel, string epoch, long offset) =>
        JsonSerializer.Serialize(
            new MessageEnvelope($"stall-{offset}", channel, "tests", $"written straight to Redis at {offset}", DateTimeOffset.UtcNow) { Offset = offset, Epoch = epoch },
            ContractsJsonContext.Default.MessageEnvelope);

    private int?[] ServiceProcessIds() =>
        new[] { ResourceNames.Api, ResourceNames.WsBackend, ResourceNames.Sender, ResourceNames.Receiver }
            .SelectMany(relay.Resources.Replicas)
            .Select(r => r.ProcessId)
            .ToArray();

    private static async Task<HttpResponseMessage> PublishUntilAsync(HttpClient api, HttpStatusCode expected)
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Recovery);
        while (true)
        {
            var response = await Publisher.PostAsync(api, RelayChannels.Default, Publisher.UniqueText("outage"));
            if (response.StatusCode == expected)
            {
                return response;
            }

            response.Dispose();
            Assert.False(deadline.IsCancellationRequested, $"The Api never answered {(int)expected}.");
            await Task.Delay(250, deadline.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    // A replica resubscribes a moment after its Redis link is back: publish until one arrives, bounded.
    private static async Task DeliveredWithinAsync(HttpClient api, WsTestClient client)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var text = Publisher.UniqueText("resumed");
            await Publisher.PublishAsync(api, RelayChannels.Default, text);
            if (await client.ReceivesMessageAsync(text, TimeSpan.FromSeconds(1)))
            {
                return;
            }
        }

        Assert.Fail($"Delivery to {client.Replica} did not resume after Redis came back.");
    }

    public sealed class OutageApp(Xunit.Sdk.IMessageSink diagnostics) : RelayApp(diagnostics)
    {
        protected override string[] Arguments => ["--Relay:RedisAppendOnly=false"];
    }
}
