using System.Globalization;
using Microsoft.Playwright;
using Relay.Contracts;
using Relay.Tests.Infrastructure;
using Xunit.Sdk;

namespace Relay.Tests.EndToEnd;

/// <summary>
/// A gap too large for a WebSocket replay (the replica answers <c>recovered:false</c> in the same epoch) is still in
/// the history: the Receiver page reads it from the history API and shows every message once, in order, with no
/// loss notice.
/// </summary>
[Trait("Category", "Faults")]
public sealed class ReceiverHistoryFillTests(ReceiverHistoryFillTests.SmallSendQueueApp relay) : IClassFixture<ReceiverHistoryFillTests.SmallSendQueueApp>
{
    private const int Before = 5;
    private const int Missed = 60;

    [Fact]
    public async Task GapOverTheReplayBudget_IsFilledFromTheHistory_EveryMessageOnceInOrder_WithoutALossNotice()
    {
        var channel = RelayApi.UniqueChannel("page-fill");
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.OpenAsync(new Uri(relay.Endpoint(ResourceNames.Receiver), $"/?channels={channel}"));
        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("connected");
        await Assertions.Expect(page.Locator($"#channels li[data-channel='{channel}']:not(.pending)")).ToHaveCountAsync(1);
        var shown = page.Locator("#messages li.message");
        await RelayApi.PublishManyAsync(api, channel, Before);
        await Assertions.Expect(shown).ToHaveCountAsync(Before);

        // The app is this class's own: a replica left stopped by a failure goes with it.
        await relay.StopResourceAsync(ResourceNames.WsBackend, 0, TestTimeouts.After(TestTimeouts.Recovery));
        await relay.StopResourceAsync(ResourceNames.WsBackend, 1, TestTimeouts.After(TestTimeouts.Recovery));
        try
        {
            // About 2 KB each: 120 KB together, past the 32 KiB a replica replays at once.
            for (var i = 0; i < Missed; i++)
            {
                await RelayApi.PublishAsync(api, channel, string.Create(CultureInfo.InvariantCulture, $"missed-{i}-") + new string('x', 2000));
            }

            await relay.StartWsBackendAsync(0);
            await relay.StartWsBackendAsync(1);
            await relay.WaitForResourceHealthyAsync(ResourceNames.WsBackend, TestTimeouts.After(TestTimeouts.Recovery));

            var filled = page.Locator("#notices li.notice[data-kind='recovered']").Filter(new() { HasText = $"Recovered {Missed} messages on {channel} from the history" });
            await Assertions.Expect(filled).ToHaveCountAsync(1, new() { Timeout = (float)TestTimeouts.Recovery.TotalMilliseconds });
            await Assertions.Expect(shown).ToHaveCountAsync(Before + Missed);
            // Newest first on the page.
            var offsets = (await shown.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.offset ?? '')"))
                .Select(o => long.TryParse(o, CultureInfo.InvariantCulture, out var offset) ? offset : -1)
                .Reverse()
                .ToList();
            var all = Enumerable.Range(1, Before + Missed).Select(o => (long)o).ToList();
            Assert.True(offsets.SequenceEqual(all), $"The page lists offsets {OffsetRuns.Describe(offsets)} (oldest first). {OffsetRuns.Defects(offsets, all)}");
            await Assertions.Expect(page.Locator("#notices li.notice[data-kind='not-recovered']")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#count")).ToHaveTextAsync((Before + Missed).ToString(CultureInfo.InvariantCulture));
        }
        finally
        {
            await Browser.ScreenshotAsync(page, "receiver-history-fill");
        }
    }

    /// <summary>The whole app with a 64 KiB send queue per socket: a replica replays at most 32 KiB at once.</summary>
    public sealed class SmallSendQueueApp(IMessageSink diagnostics) : RelayApp(diagnostics)
    {
        protected override IReadOnlyDictionary<string, string> ServiceEnvironment { get; } = new Dictionary<string, string>
        {
            ["WsBackend__SendQueueLimitBytes"] = "65536",
        };

        /// <summary>Starts a stopped replica (it keeps the small queue: the AppHost gave it the environment).</summary>
        public Task StartWsBackendAsync(int replica) =>
            StartResourceAsync(ResourceNames.WsBackend, replica, TestTimeouts.After(TestTimeouts.Recovery));
    }
}
