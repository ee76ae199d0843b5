using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Dashboard;

[Collection(DashboardAppCollection.Name)]
public sealed class TraceAcrossFlowTests(DashboardApp relay)
{
    [Fact]
    public async Task MessageSentOnTheSenderPage_IsOneTrace_FromTheSenderToBothReplicas()
    {
        await using var browser = await Browser.LaunchAsync();
        var sender = await browser.OpenAsync(relay.App.GetEndpoint(ResourceNames.Sender));
        var channel = $"traced-{Guid.NewGuid():N}";
        var text = Publisher.UniqueText("traced");

        await sender.FillAsync("#channel", channel);
        await sender.FillAsync("#sender", "alice");
        await sender.FillAsync("#text", text);
        await sender.ClickAsync("#send");
        var outcome = sender.Locator("#outcomes li[data-status=accepted]").Filter(new() { HasText = text });
        await Assertions.Expect(outcome).ToHaveCountAsync(1);
        var messageId = (await outcome.Locator(".id code").TextContentAsync())!.Trim();

        using var dashboard = relay.CreateDashboardClient();
        var trace = await WaitForTraceAsync(dashboard, channel);
        var spans = trace.GetProperty("spans").EnumerateArray().ToList();

        var producer = spans.Single(s => Str(s, "kind") == "producer");
        Assert.Equal($"publish {channel}", Str(producer, "name"));
        Assert.Equal("api", Str(producer, "service"));
        Assert.Equal("redis", Attribute(producer, "messaging.system"));
        Assert.Equal(channel, Attribute(producer, "messaging.destination.name"));
        Assert.Equal(messageId, Attribute(producer, "messaging.message.id"));

        var consumers = spans.Where(s => Str(s, "kind") == "consumer").ToList();
        Assert.Equal(["wsbackend-0", "wsbackend-1"], consumers.Select(c => Str(c, "instance")).Order());
        Assert.All(consumers, c =>
        {
            Assert.Equal($"{channel} receive", Str(c, "name"));
            Assert.Equal(Str(producer, "spanId"), Str(c, "parentSpanId"));
            Assert.Equal("0", Attribute(c, "relay.deliveries"));
        });

        var apiServer = SpanById(spans, Str(producer, "parentSpanId"));
        Assert.Equal(("api", "server"), (Str(apiServer, "service"), Str(apiServer, "kind")));
        var senderClient = SpanById(spans, Str(apiServer, "parentSpanId"));
        Assert.Equal(("sender", "client"), (Str(senderClient, "service"), Str(senderClient, "kind")));
        var senderServer = SpanById(spans, Str(senderClient, "parentSpanId"));
        Assert.Equal(("sender", "server"), (Str(senderServer, "service"), Str(senderServer, "kind")));

        var page = await OpenDashboardAsync(browser, "/traces");
        await page.FillAsync("#filter-text", channel);
        var row = page.Locator($"#traces tr[data-trace-id='{trace.GetProperty("traceId").GetString()}']");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Browser.ScreenshotAsync(page, "dashboard-traces");
        await row.ClickAsync();
        await Assertions.Expect(page.Locator("#waterfall .span")).ToHaveCountAsync(spans.Count);
        await Assertions.Expect(page.Locator("#waterfall .span .name").Filter(new() { HasText = $"{channel} receive" })).ToHaveCountAsync(2);
        await Browser.ScreenshotAsync(page, "dashboard-trace-detail");
    }

    [Fact]
    public async Task RestartingAReplicaFromTheDashboard_StartsANewProcess_AndAnOpenReceiverPageReconnects()
    {
        await using var browser = await Browser.LaunchAsync();
        var receiver = await browser.OpenAsync(relay.App.GetEndpoint(ResourceNames.Receiver));
        await Assertions.Expect(receiver.Locator("#state")).ToHaveTextAsync("connected");
        await Assertions.Expect(receiver.Locator("#replica")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^wsbackend-[01]$"));
        var instance = (await receiver.Locator("#replica").TextContentAsync())!;
        var replica = int.Parse(instance[^1..], System.Globalization.CultureInfo.InvariantCulture);
        await receiver.EvaluateAsync("""
            () => {
              window.relayStates = [];
              const state = document.querySelector('#state');
              new MutationObserver(() => window.relayStates.push(state.textContent))
                .observe(state, { childList: true, characterData: true, subtree: true });
            }
            """);
        var before = Snapshot(instance);

        using var dashboard = relay.CreateDashboardClient();
        using var response = await dashboard.PostAsync($"/api/resources/wsbackend/restart?replica={replica}", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var after = await WaitForNewProcessAsync(instance, before.ProcessId);
        Assert.Equal(before.RestartCount + 1, after.RestartCount);
        await relay.App.WaitForResourceHealthyAsync(ResourceNames.WsBackend, TestTimeouts.After(TestTimeouts.Recovery));
        await Assertions.Expect(receiver.Locator("#state")).ToHaveTextAsync("connected", new() { Timeout = (float)TestTimeouts.Recovery.TotalMilliseconds });
        Assert.Contains("reconnecting", await receiver.EvaluateAsync<string[]>("() => window.relayStates"));

        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var text = Publisher.UniqueText("after-restart");
        await Publisher.PublishAsync(api, RelayChannels.Default, text);
        await Assertions.Expect(receiver.Locator("#messages li.message").Filter(new() { HasText = text })).ToHaveCountAsync(1);

        var listed = await dashboard.GetFromJsonAsync<JsonElement>("/api/resources", TestContext.Current.CancellationToken);
        Assert.Contains(listed.EnumerateArray(), r => Str(r, "instance") == instance && r.GetProperty("processId").GetInt32() == after.ProcessId);
    }

    private Relay.Hosting.ResourceSnapshot Snapshot(string instance) =>
        relay.App.GetResources().Single(r => r.Instance == instance);

    private async Task<Relay.Hosting.ResourceSnapshot> WaitForNewProcessAsync(string instance, int? oldProcessId)
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Recovery);
        while (true)
        {
            var snapshot = Snapshot(instance);
            if (snapshot.ProcessId is not null && snapshot.ProcessId != oldProcessId && snapshot.State == Relay.Hosting.ResourceState.Running)
            {
                return snapshot;
            }

            await Task.Delay(100, deadline.Token);
        }
    }

    private async Task<IPage> OpenDashboardAsync(Browser browser, string path)
    {
        var page = await browser.OpenAsync(relay.Dashboard.LoginUrl);
        await page.GotoAsync(new Uri(relay.Dashboard.FrontendUrl, path).ToString());
        return page;
    }

    // Spans reach the dashboard within about a second (1,000 ms export delay): poll until the
    // trace holds both consumers, bounded.
    private static async Task<JsonElement> WaitForTraceAsync(HttpClient dashboard, string channel)
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Recovery);
        while (true)
        {
            var list = await dashboard.GetFromJsonAsync<JsonElement>($"/api/traces?q={channel}", deadline.Token);
            foreach (var summary in list.EnumerateArray())
            {
                var trace = await dashboard.GetFromJsonAsync<JsonElement>($"/api/traces/{summary.GetProperty("traceId").GetString()}", deadline.Token);
                var spans = trace.GetProperty("spans").EnumerateArray().ToList();
                if (spans.Count(s => Str(s, "kind") == "consumer") == 2 && spans.Any(s => Str(s, "service") == "sender" && Str(s, "kind") == "server"))
                {
                    Assert.Single(list.EnumerateArray());
                    return trace;
                }
            }

            await Task.Delay(200, deadline.Token);
        }
    }

    private static JsonElement SpanById(List<JsonElement> spans, string? spanId) =>
        spans.Single(s => Str(s, "spanId") == spanId);

    private static string? Str(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Attribute(JsonElement span, string name) =>
        span.GetProperty("attributes").TryGetProperty(name, out var value) ? value.GetString() : null;
}
