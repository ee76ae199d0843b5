using System.Net;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Faults;

/// <summary>Stops and restarts Redis, so it has an app of its own.</summary>
public sealed class RedisOutageTests(RedisOutageTests.OutageApp relay) : IClassFixture<RedisOutageTests.OutageApp>
{
    [Fact]
    public async Task RedisDown_ApiAnswers503_AndRedisBack_PublishingAndDeliveryResumeWithoutRestarts()
    {
        var app = relay.App;
        var processesBefore = ServiceProcessIds();
        await using var first = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0));
        await using var second = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 1));
        using var api = relay.CreateHttpClient(ResourceNames.Api);

        await app.StopResourceAsync(ResourceNames.Redis, cancellationToken: TestTimeouts.After(TestTimeouts.Step));

        var refused = await PublishUntilAsync(api, HttpStatusCode.ServiceUnavailable);
        Assert.True(refused.Headers.RetryAfter is not null, "503 without Retry-After");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        await app.StartResourceAsync(ResourceNames.Redis, cancellationToken: TestTimeouts.After(TestTimeouts.Step));
        await app.WaitForResourceHealthyAsync(ResourceNames.Redis, TestTimeouts.After(TestTimeouts.Recovery));

        await PublishUntilAsync(api, HttpStatusCode.Accepted);
        foreach (var client in new[] { first, second })
        {
            await DeliveredWithinAsync(api, client);
        }

        Assert.Equal(processesBefore, ServiceProcessIds());
    }

    private int?[] ServiceProcessIds() =>
        relay.App.GetResources()
            .Where(r => r.Resource != ResourceNames.Redis)
            .OrderBy(r => r.Instance)
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

    public sealed class OutageApp(Xunit.Sdk.IMessageSink diagnostics) : RelayApp(diagnostics);
}
