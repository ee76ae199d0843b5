using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Relay.Contracts;
using Relay.Contracts.Flow;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.EndToEnd;

[Collection(RelayAppCollection.Name)]
public sealed class FlowViewTests(RelayApp relay)
{
    // Pacing of the test's own stream, not a wait on the app: about 20 messages per second.
    private static readonly TimeSpan s_publishEvery = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_pollEvery = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task SteadyStream_ShowsBothReplicasWithConnectionsRatesAndLatency()
    {
        await using var first = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0));
        await using var second = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 1));
        string[] replicas = [first.Replica, second.Replica];
        Assert.NotEqual(replicas[0], replicas[1]);
        using var api = relay.CreateHttpClient(ResourceNames.Api);

        var flow = await WhilePublishingAsync(api, () => WaitForFlowAsync(api, f => replicas.All(r => IsBusy(f, r)) && f.Latency.P50Ms is not null));

        foreach (var replica in replicas)
        {
            var node = flow.Nodes.Single(n => n.Id == replica);
            Assert.Equal(FlowNodes.WsBackend, node.Kind);
            Assert.True(node.Connections >= 1, $"{replica} shows {node.Connections} connections");
            Assert.True(Rate(flow, FlowNodes.Redis, replica) > 0);
            Assert.True(Rate(flow, replica, FlowNodes.Receivers) > 0);
            Assert.NotNull(node.Latency?.P99Ms);
        }

        Assert.True(Rate(flow, FlowNodes.Api, FlowNodes.Redis) > 0);
        Assert.True(flow.Totals.Connections >= 2);
        Assert.True(flow.Latency.P99Ms >= flow.Latency.P50Ms);
    }

    [Fact]
    public async Task FlowPage_IsServedByTheApi()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);

        using var response = await api.GetAsync(RelayRoutes.FlowPage, TestTimeouts.After(TestTimeouts.Step));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Relay · Flow", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task FlowPage_ShowsALiveRate()
    {
        await using var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0));
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.OpenAsync(new Uri(api.BaseAddress!, RelayRoutes.FlowPage));

        await WhilePublishingAsync(api, async () =>
        {
            // Bounded by the page's default timeout (TestTimeouts.Step).
            await page.WaitForFunctionAsync(
                "() => [...document.querySelectorAll('g.edge[data-to=receivers]')].some(e => Number(e.dataset.rate) > 0)");
            await Assertions.Expect(page.Locator("#delivered")).Not.ToHaveTextAsync("0.0");
            return true;
        });

        await Assertions.Expect(page.Locator($"g.node[data-node='{client.Replica}']")).ToContainTextAsync("connection");
        await Assertions.Expect(page.Locator("#error")).ToBeHiddenAsync();
        await Browser.ScreenshotAsync(page, "flow");
    }

    private static bool IsBusy(FlowView flow, string replica) =>
        flow.Nodes.Any(n => n.Id == replica && n.Connections >= 1)
        && Rate(flow, FlowNodes.Redis, replica) > 0
        && Rate(flow, replica, FlowNodes.Receivers) > 0;

    private static double Rate(FlowView flow, string from, string to) =>
        flow.Edges.SingleOrDefault(e => e.From == from && e.To == to)?.Rate ?? 0;

    /// <summary>Runs <paramref name="check"/> while a steady stream goes to the default channel, then stops the stream.</summary>
    private static async Task<T> WhilePublishingAsync<T>(HttpClient api, Func<Task<T>> check)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        stop.CancelAfter(TestTimeouts.Step * 2);
        var publishing = PublishUntilAsync(api, stop.Token);
        try
        {
            return await check();
        }
        finally
        {
            await stop.CancelAsync();
            await publishing;
        }
    }

    private static async Task PublishUntilAsync(HttpClient api, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Publisher.PublishAsync(api, RelayChannels.Default, Publisher.UniqueText("flow"));
                await Task.Delay(s_publishEvery, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Polls <c>GET /api/flow</c> until <paramref name="done"/> holds; fails with the last answer after <see cref="TestTimeouts.Step"/>.</summary>
    private static async Task<FlowView> WaitForFlowAsync(HttpClient api, Func<FlowView, bool> done)
    {
        var waited = Stopwatch.StartNew();
        var last = "";
        while (waited.Elapsed < TestTimeouts.Step)
        {
            using var response = await api.GetAsync(RelayRoutes.Flow, TestTimeouts.After(TestTimeouts.Step));
            last = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {RelayRoutes.Flow}: {(int)response.StatusCode} {last}");
            var flow = JsonSerializer.Deserialize<FlowView>(last, JsonSerializerOptions.Web)!;
            if (done(flow))
            {
                return flow;
            }

            await Task.Delay(s_pollEvery, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"{RelayRoutes.Flow} did not show the expected flow within {TestTimeouts.Step.TotalSeconds} s; last: {last}");
    }
}
