using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Dashboard;

/// <summary>Every dashboard page against the running app, with a screenshot of each for a person to look at.</summary>
[Collection(DashboardAppCollection.Name)]
public sealed class DashboardPagesTests(DashboardApp relay)
{
    private static readonly Regex NonZeroRate = new(@"^(?!0\.0 )\d+(\.\d+)? msg/s$");
    private static readonly Regex Milliseconds = new(@"\d");

    [Fact]
    public async Task EveryPage_ShowsTheRunningApp()
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.OpenAsync(relay.Dashboard.LoginUrl);
        await using var first = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0));
        await using var second = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 1));
        using var traffic = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var publishing = PublishSteadilyAsync(traffic.Token);

        try
        {
            await ResourcesAsync(page);
            await ConsoleAsync(page);
            await StructuredLogsAsync(page);
            await MetricsAsync(page);
            await FlowAsync(page);
        }
        finally
        {
            await traffic.CancelAsync();
            await publishing;
        }
    }

    private async Task ResourcesAsync(IPage page)
    {
        await GoAsync(page, "/resources");
        var rows = page.Locator("#resources tbody tr[data-instance]");
        await Assertions.Expect(rows).ToHaveCountAsync(6);
        foreach (var instance in new[] { "redis-0", "api-0", "wsbackend-0", "wsbackend-1", "sender-0", "receiver-0" })
        {
            await Assertions.Expect(page.Locator($"#resources tr[data-instance='{instance}'] .state")).ToContainTextAsync("Running");
        }

        await Browser.ScreenshotAsync(page, "dashboard-resources");
    }

    private static async Task ConsoleAsync(IPage page)
    {
        await GoAsync(page, "/console");
        await page.SelectOptionAsync("#console-resource", "api-0");
        await Assertions.Expect(page.Locator("#console div.line").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#console div.line[data-instance]:not([data-instance='api-0'])")).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(page, "dashboard-console");
    }

    private static async Task StructuredLogsAsync(IPage page)
    {
        await GoAsync(page, "/logs");
        await Assertions.Expect(page.Locator("#logs tbody tr[data-key]").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "dashboard-logs");
    }

    private static async Task MetricsAsync(IPage page)
    {
        await GoAsync(page, "/metrics");
        await page.SelectOptionAsync("#metrics-resource", "api-0");
        var published = page.Locator($"#instruments li[data-name='{RelayInstruments.MessagesPublished}']");
        await Assertions.Expect(published).ToBeVisibleAsync();
        await published.ClickAsync();
        await Assertions.Expect(page.Locator("svg#chart path.series").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "dashboard-metrics");
    }

    private static async Task FlowAsync(IPage page)
    {
        await GoAsync(page, "/flow");
        foreach (var node in new[] { "sender", "api", "redis", "wsbackend-0", "wsbackend-1", "receivers" })
        {
            await Assertions.Expect(page.Locator($"svg#flow g.node[data-node='{node}']")).ToHaveCountAsync(1);
        }

        var moving = new LocatorAssertionsToHaveTextOptions { Timeout = (float)TestTimeouts.Recovery.TotalMilliseconds };
        await Assertions.Expect(page.Locator("svg#flow text.rate[data-from='api'][data-to='redis']")).ToHaveTextAsync(NonZeroRate, moving);
        foreach (var replica in new[] { "wsbackend-0", "wsbackend-1" })
        {
            await Assertions.Expect(page.Locator($"svg#flow text.rate[data-from='{replica}'][data-to='receivers']")).ToHaveTextAsync(NonZeroRate, moving);
            await Assertions.Expect(page.Locator($"svg#flow [data-connections='{replica}']")).Not.ToHaveTextAsync("0", new() { Timeout = moving.Timeout });
        }

        await Assertions.Expect(page.Locator("#latency-p99")).ToHaveTextAsync(Milliseconds, moving);
        await Browser.ScreenshotAsync(page, "dashboard-flow");
    }

    private static async Task GoAsync(IPage page, string path) =>
        await page.Locator($"nav a[data-page='{path.TrimStart('/')}']").ClickAsync();

    // Ten messages a second on the default channel, which both test sockets follow, until cancelled.
    private async Task PublishSteadilyAsync(CancellationToken stop)
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await Publisher.PostAsync(api, RelayChannels.Default, Publisher.UniqueText("flow"));
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }
    }
}
