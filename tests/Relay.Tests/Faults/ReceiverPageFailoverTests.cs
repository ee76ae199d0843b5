using Microsoft.Playwright;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Faults;

/// <summary>The Receiver page loses its replica (kill -9) under a steady publish: it reconnects and shows every message once.</summary>
[Collection(ReplicaFaultsCollection.Name)]
[Trait("Category", "Faults")]
public sealed class ReceiverPageFailoverTests(ReplicaFaultsApp relay)
{
    /// <summary>Fewer than the page keeps (it drops the oldest past 500).</summary>
    private const int Messages = 200;

    // Every text #state takes from now on, in order, with the ms since then: a reconnect can be too quick for a
    // polling assertion to see.
    private const string RecordStates = """
        () => {
          const state = document.getElementById('state');
          const start = performance.now();
          window.relayStates = [state.textContent];
          window.relayStateTimes = [0];
          new MutationObserver(() => {
            window.relayStates.push(state.textContent);
            window.relayStateTimes.push(Math.round(performance.now() - start));
          }).observe(state, { childList: true, characterData: true, subtree: true });
        }
        """;

    [Fact(Timeout = 60_000)]
    public async Task KilledReplicaUnderThePage_PageReconnects_AndListsEveryMessageOnce()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await relay.AllHealthyAsync();
        var channel = RelayApi.UniqueChannel("page");
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.OpenAsync(new Uri(relay.Endpoint(ResourceNames.Receiver), $"/?channels={channel}"));
        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("connected", new() { Timeout = (float)TestTimeouts.Step.TotalMilliseconds });
        await Assertions.Expect(page.Locator($"#channels li[data-channel='{channel}']:not(.pending)")).ToHaveCountAsync(1);
        var replica = await page.Locator("#replica").TextContentAsync() ?? "";
        var index = relay.ReplicaIndexOf(ResourceNames.WsBackend, replica);
        await page.EvaluateAsync(RecordStates);
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var publisher = new SteadyPublisher(api, channel, Messages, perSecond: 25) { Workers = 2 };

        var publishing = publisher.RunAsync();
        await publisher.WhenAcknowledged(60).WaitAsync(TestTimeouts.Step, cancellation);
        var killedPid = relay.Kill(ResourceNames.WsBackend, index);
        try
        {
            var acks = await publishing.WaitAsync(TestTimeouts.Recovery, cancellation);

            var (expected, _) = Acknowledgements.AssertOnePositionEach(acks);
            var shown = page.Locator("#messages li.message");
            await Assertions.Expect(shown).ToHaveCountAsync(Messages, new() { Timeout = 20_000 });
            await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("connected");
            var items = (await shown.EvaluateAllAsync<string[][]>("items => items.map(i => [i.dataset.offset ?? '', i.dataset.id ?? ''])"))
                .Select(i => (Offset: long.TryParse(i[0], System.Globalization.CultureInfo.InvariantCulture, out var offset) ? offset : -1, Id: i[1]))
                .ToList();
            var offsets = items.Select(i => i.Offset).Order().ToList();
            var all = expected.Keys.Order().ToList();
            Assert.True(offsets.SequenceEqual(all), $"The page lists offsets {OffsetRuns.Describe(offsets)}. {OffsetRuns.Defects(offsets, all)}");
            Assert.All(items, i => Assert.Equal(expected[i.Offset], i.Id));

            var states = await page.EvaluateAsync<string[]>("() => window.relayStates");
            var times = await page.EvaluateAsync<double[]>("() => window.relayStateTimes");
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"#state around {replica}'s kill: {string.Join(" → ", states.Zip(times, (s, t) => $"{s} ({t} ms)"))}");
            var reconnecting = Array.FindIndex(states, s => s.StartsWith("reconnecting", StringComparison.Ordinal));
            Assert.True(reconnecting >= 0 && states.Skip(reconnecting).Contains("connected"),
                $"#state went [{string.Join(" → ", states)}]: expected reconnecting…, then connected.");
            await Assertions.Expect(page.Locator("#notices li.notice[data-kind='not-recovered']")).ToHaveCountAsync(0);
        }
        finally
        {
            await Browser.ScreenshotAsync(page, "receiver-failover");
            await relay.WaitForReplacementAsync(ResourceNames.WsBackend, index, killedPid);
        }
    }
}
