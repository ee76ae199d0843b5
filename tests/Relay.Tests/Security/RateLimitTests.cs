using System.Diagnostics;
using System.Net;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Security;

/// <summary>
/// Each API key has its own token bucket, each connection token subject its own; other requests share one per client
/// address. Over the limit:
/// 429 with <c>Retry-After</c>, and nobody else is slowed.
/// </summary>
[Collection(RelayAppCollection.Name)]
public sealed class RateLimitTests(RelayApp relay)
{
    // The anonymous burst and the token burst (RateLimits:AnonymousBurst's and TokenBurst's defaults).
    private const int AnonymousBurst = 40;
    private const int TokenBurst = 100;

    [Fact]
    public async Task Publish_OverTheKeysLimit_Returns429WithRetryAfter_ThenRecovers()
    {
        using var limited = SecuredCalls.WithBearer(relay, TestCredentials.LimitedKey);
        var channel = RelayApi.UniqueChannel("limited");

        var answers = await Task.WhenAll(Enumerable.Range(0, 4 * TestCredentials.LimitedPermitsPerSecond).Select(_ => SecuredCalls.PublishAsync(limited, channel)));

        Assert.All(answers, answer => Assert.True(answer.Status is HttpStatusCode.Accepted or HttpStatusCode.TooManyRequests, answer.Answer.Text));
        var refused = answers.Where(answer => answer.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.True(refused.Count >= TestCredentials.LimitedPermitsPerSecond, $"Only {refused.Count} of {answers.Length} were refused.");
        refused[0].Answer.ExpectProblem(HttpStatusCode.TooManyRequests);
        Assert.All(refused, answer => Assert.InRange(answer.RetryAfter ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));
        Assert.Contains("'limited'", refused[0].Answer.Text, StringComparison.Ordinal);
        await WaitForStatusAsync(() => SecuredCalls.PublishAsync(limited, channel), HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task RequestsWithoutAValidKey_OverTheAddressLimit_Return429_OnlyForThatAddress()
    {
        var address = SecuredCalls.FreshAddress();
        using var guesser = SecuredCalls.WithBearer(relay, "guess-0123456789abcdefghijklmnopqrstuvwxyzABCDEF", address);
        var channel = RelayApi.UniqueChannel("guess");

        var statuses = new List<HttpStatusCode>();
        SecuredAnswer? refused = null;
        while (refused is null && statuses.Count < 5 * AnonymousBurst)
        {
            var answer = await SecuredCalls.PublishAsync(guesser, channel);
            statuses.Add(answer.Status);
            refused = answer.Status == HttpStatusCode.TooManyRequests ? answer : null;
        }

        Assert.NotNull(refused);
        refused.Answer.ExpectProblem(HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused.RetryAfter);
        Assert.True(statuses.Count > AnonymousBurst, $"Refused after {statuses.Count - 1} requests, fewer than the burst of {AnonymousBurst}.");
        Assert.All(statuses[..AnonymousBurst], status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        using var otherAddress = SecuredCalls.Anonymous(relay);
        (await SecuredCalls.PublishAsync(otherAddress, channel)).ExpectUnauthorized();
        using var sameAddressWithKey = SecuredCalls.WithBearer(relay, TestCredentials.ApiKey, address);
        (await SecuredCalls.PublishAsync(sameAddressWithKey, channel)).Answer.Expect(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task TokenReads_OverTheSubjectsLimit_Return429_WhileAnotherSubjectOnTheSameAddressReadsOn()
    {
        var address = SecuredCalls.FreshAddress();
        var channel = RelayApi.UniqueChannel("token-reads");
        using var busy = SecuredCalls.WithBearer(relay, TestCredentials.Token("busy-" + Guid.NewGuid().ToString("N")[..8]), address);
        using var calm = SecuredCalls.WithBearer(relay, TestCredentials.Token("calm-" + Guid.NewGuid().ToString("N")[..8]), address);
        var path = RelayRoutes.ChannelMessages(channel);

        var answers = await Task.WhenAll(Enumerable.Range(0, 2 * TokenBurst).Select(_ => SecuredCalls.SendAsync(busy, HttpMethod.Get, path)));

        Assert.All(answers, answer => Assert.True(answer.Status is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, answer.Answer.Text));
        var refused = answers.FirstOrDefault(answer => answer.Status == HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused);
        refused.Answer.ExpectProblem(HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused.RetryAfter);
        Assert.True(answers.Count(answer => answer.Status == HttpStatusCode.OK) >= TokenBurst, "Fewer reads than the burst went through.");
        (await SecuredCalls.SendAsync(calm, HttpMethod.Get, path)).Answer.Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WhileOneKeyIsFlooded_AnotherClientsPublish_IsAcceptedAndDeliveredOnTime()
    {
        var channel = RelayApi.UniqueChannel("beside-flood");
        await using var receiver = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0, $"channel={channel}"));
        await receiver.ReceiveSubscribedAsync(channel);
        using var limited = SecuredCalls.WithBearer(relay, TestCredentials.LimitedKey);
        using var sender = relay.CreateHttpClient(ResourceNames.Api);
        using var stop = new CancellationTokenSource(TestTimeouts.Step);
        var refusals = 0;
        var floodChannel = RelayApi.UniqueChannel("flood");
        var flood = Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if ((await SecuredCalls.PublishAsync(limited, floodChannel)).Status == HttpStatusCode.TooManyRequests)
                {
                    Interlocked.Increment(ref refusals);
                }
            }
        })));

        await WaitUntilAsync(() => Volatile.Read(ref refusals) >= 20);
        var text = Publisher.UniqueText("beside");
        var clock = Stopwatch.StartNew();
        var published = await RelayApi.PublishAsync(sender, channel, text);
        await receiver.ReceiveMessageAsync(text, TimeSpan.FromSeconds(3));
        var delivered = clock.Elapsed;
        var refusedDuring = Volatile.Read(ref refusals);
        await stop.CancelAsync();
        await flood.WaitAsync(TestTimeouts.Step, TestContext.Current.CancellationToken);

        Assert.Equal(1, published.Offset);
        Assert.True(delivered < TimeSpan.FromSeconds(3), $"Delivered after {delivered}.");
        Assert.True(refusedDuring >= 20, $"The flood was refused {refusedDuring} times.");
    }

    private static async Task WaitForStatusAsync(Func<Task<SecuredAnswer>> call, HttpStatusCode status)
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Step);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        var last = await call();
        try
        {
            while (last.Status != status)
            {
                await poll.WaitForNextTickAsync(deadline.Token);
                last = await call();
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Assert.Fail($"Still {(int)last.Status} after {TestTimeouts.Step}: {last.Answer.Text}");
        }
    }

    private static async Task WaitUntilAsync(Func<bool> done)
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Step);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (!done())
        {
            await poll.WaitForNextTickAsync(deadline.Token);
        }
    }
}
