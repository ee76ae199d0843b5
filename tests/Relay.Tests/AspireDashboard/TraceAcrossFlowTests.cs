using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.AspireDashboard;

/// <summary>
/// One message, one trace in the Aspire dashboard: from the Sender page to a consumer span on every replica that
/// serves a follower of its channel (a replica with none does not even receive it).
/// </summary>
[Collection(RelayAppCollection.Name)]
public sealed class TraceAcrossFlowTests(RelayApp relay)
{
    [Fact]
    public async Task MessageSentOnTheSenderPage_IsOneTraceInTheAspireDashboard_FromTheSenderToBothReplicas()
    {
        await using var browser = await Browser.LaunchAsync();
        var channel = $"traced-{Guid.NewGuid():N}";
        var text = Publisher.UniqueText("traced");
        var replicas = relay.ReplicaCount(ResourceNames.WsBackend);
        var followers = new List<WsTestClient>();
        try
        {
            for (var replica = 0; replica < replicas; replica++)
            {
                followers.Add(await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, replica, $"channel={channel}")));
            }

            await SendAndCheckTraceAsync(browser, channel, text, replicas);
        }
        finally
        {
            foreach (var follower in followers)
            {
                await follower.DisposeAsync();
            }
        }
    }

    private async Task SendAndCheckTraceAsync(Browser browser, string channel, string text, int replicas)
    {
        var sender = await browser.OpenAsync(relay.Endpoint(ResourceNames.Sender));

        await sender.FillAsync("#channel", channel);
        await sender.FillAsync("#sender", "alice");
        await sender.FillAsync("#text", text);
        await sender.ClickAsync("#send");
        var outcome = sender.Locator("#outcomes li[data-status=accepted]").Filter(new() { HasText = text });
        await Assertions.Expect(outcome).ToHaveCountAsync(1);
        var messageId = (await outcome.Locator(".id code").TextContentAsync())!.Trim();

        using var telemetry = relay.CreateTelemetryClient();
        var spans = await WaitForTraceAsync(telemetry, channel, replicas);
        foreach (var span in spans)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{span.Service}/{span.Instance} {span.Kind} '{span.Name}' {span.SpanId} ← {span.ParentSpanId} [{string.Join(", ", span.Attributes.Select(a => $"{a.Key}={a.Value}"))}]");
        }

        var producer = spans.Single(s => s.Kind == "producer");
        Assert.Equal($"publish {channel}", producer.Name);
        Assert.Equal(ResourceNames.Api, producer.Service);
        Assert.Equal("redis", producer.Attributes["messaging.system"]);
        Assert.Equal(channel, producer.Attributes["messaging.destination.name"]);
        Assert.Equal(messageId, producer.Attributes["messaging.message.id"]);
        Assert.Contains(spans, s => s.ParentSpanId == producer.SpanId && s.Attributes.ContainsKey("db.system"));

        var consumers = spans.Where(s => s.Kind == "consumer").ToList();
        Assert.Equal(
            relay.Resources.Replicas(ResourceNames.WsBackend).Select(r => r.InstanceId).Order(),
            consumers.Select(c => $"{c.Service}-{c.Instance}").Order());
        Assert.All(consumers, c =>
        {
            Assert.Equal($"{channel} receive", c.Name);
            Assert.Equal(producer.SpanId, c.ParentSpanId);
        });

        var apiServer = spans.Single(s => s.SpanId == producer.ParentSpanId);
        Assert.Equal((ResourceNames.Api, "server"), (apiServer.Service, apiServer.Kind));
        var senderClient = spans.Single(s => s.SpanId == apiServer.ParentSpanId);
        Assert.Equal((ResourceNames.Sender, "client"), (senderClient.Service, senderClient.Kind));
        var senderServer = spans.Single(s => s.SpanId == senderClient.ParentSpanId);
        Assert.Equal((ResourceNames.Sender, "server"), (senderServer.Service, senderServer.Kind));
    }

    /// <summary>Polls the telemetry API (services export every second) until the channel's trace has every consumer span.</summary>
    private static async Task<IReadOnlyList<TelemetrySpan>> WaitForTraceAsync(HttpClient telemetry, string channel, int replicas)
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Recovery);
        IReadOnlyList<TelemetrySpan> spans = [];
        while (!deadline.IsCancellationRequested)
        {
            var published = TelemetrySpan.ReadAll(await GetAsync(telemetry, $"/api/telemetry/spans?resource={ResourceNames.Api}&limit=2000", deadline.Token))
                .FirstOrDefault(s => s.Name == $"publish {channel}");
            if (published is not null)
            {
                spans = TelemetrySpan.ReadAll(await GetAsync(telemetry, $"/api/telemetry/spans?traceId={published.TraceId}&limit=2000", deadline.Token));
                // Each process exports its own batches: wait for the last of them.
                if (spans.Count(s => s.Kind == "consumer") >= replicas
                    && spans.Any(s => s.Service == ResourceNames.Sender && s.Kind == "server")
                    && spans.Any(s => s.Attributes.ContainsKey("db.system")))
                {
                    return spans;
                }
            }

            await Task.Delay(250, deadline.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        Assert.Fail($"No whole trace for {channel} in the dashboard; last seen: {string.Join("; ", spans.Select(s => $"{s.Service}/{s.Kind} {s.Name}"))}");
        return spans;
    }

    private static async Task<JsonElement> GetAsync(HttpClient telemetry, string path, CancellationToken cancellationToken)
    {
        using var response = await telemetry.GetAsync(path, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.None);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return default; // no telemetry of that resource yet
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }
}
