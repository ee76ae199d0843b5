using System.Net;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Faults;

/// <summary>
/// Redis restarted mid-stream with its append-only file kept: retried publishes land once, every receiver gets each
/// acknowledged message once, and the channel's epoch survives. With the other fault tests, whose app's Redis keeps
/// its append-only file in the app's state folder.
/// </summary>
[Trait("Category", "Faults")]
[Collection(ReplicaFaultsCollection.Name)]
public sealed class RedisRestartTests(ReplicaFaultsApp relay)
{
    private const int Messages = 1_000;

    [Fact(Timeout = 60_000)]
    public async Task RedisRestartedWithItsData_RetriedPublishesLandOnce_AndEveryReceiverGetsEachOnce()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await relay.AllHealthyAsync();
        var channel = RelayApi.UniqueChannel("aof");
        await using var first = await RecoveringClient.ConnectAsync(relay.WsBackendsFrom(0), channel);
        await using var second = await RecoveringClient.ConnectAsync(relay.WsBackendsFrom(1), channel);
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var publisher = new SteadyPublisher(api, channel, Messages, perSecond: 100) { Workers = 4, WithIdempotencyKeys = true };

        var publishing = publisher.RunAsync();
        await publisher.WhenAcknowledged(300).WaitAsync(TestTimeouts.Step, cancellation);
        var acknowledgedBefore = publisher.Acknowledged;
        await relay.RestartResourceAsync(ResourceNames.Redis, cancellationToken: TestTimeouts.After(TestTimeouts.Recovery));
        await relay.WaitForResourceHealthyAsync(ResourceNames.Redis, TestTimeouts.After(TestTimeouts.Recovery));
        var acks = await publishing.WaitAsync(TestTimeouts.Recovery, cancellation);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Restarted after {acknowledgedBefore} acknowledgements; {acks.Count(a => a.Retried)} messages retried " +
            $"({string.Join(", ", acks.SelectMany(a => a.Attempts.SkipLast(1)).CountBy(o => o).Select(c => $"{c.Key}×{c.Value}"))}), " +
            $"{acks.Count(a => a.Replayed)} answered by a replay.");
        Assert.True(acknowledgedBefore < Messages - 100, "The restart came too late to be mid-stream.");
        var (expected, epoch) = Acknowledgements.AssertOnePositionEach(acks);
        Assert.True(acks.Any(a => a.Retried), "No publish met the restart (none was retried): the test proves nothing.");
        foreach (var client in new[] { first, second })
        {
            await client.WaitForOffsetAsync(Messages, TimeSpan.FromSeconds(20), cancellation);
            client.AssertReceivedExactly(expected, epoch);
            Assert.DoesNotContain(client.Subscribed, s => s.Recovered == false);
        }

        // Asked again, every key answers with its first answer and publishes nothing.
        foreach (var ack in acks.Where(a => a.Retried || a.Index % 20 == 0))
        {
            var again = await publisher.RepostAsync(ack);
            again.Expect(HttpStatusCode.Accepted);
            Assert.Equal("true", again.Replayed);
            Assert.Equal(ack.Answer, PublishedMessage.From(again.Body));
        }

        var history = (await RelayApi.GetHistoryAsync(api, channel, "limit=1")).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(Messages, history.GetProperty("offset").GetInt64());
        Assert.Equal(epoch, history.GetProperty("epoch").GetString());
    }
}
