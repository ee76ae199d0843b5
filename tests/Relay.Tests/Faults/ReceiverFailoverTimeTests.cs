using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Faults;

/// <summary>
/// The replica under a Receiver page is stopped and stays down: the page's reconnects, through the Receiver's proxy and
/// DCP's proxy in front of the replicas, must reach the other replica at once, not after some health check catches up.
/// </summary>
[Collection(ReplicaFaultsCollection.Name)]
[Trait("Category", "Faults")]
public sealed class ReceiverFailoverTimeTests(ReplicaFaultsApp relay)
{
    /// <summary>
    /// Room for the replica's drain (at most WsBackend's 3 s close timeout, well under a second here) and the page's
    /// first backoff steps (up to 0.25 s, 0.5 s, 1 s). (With Relay's own hosting engine, before Aspire, it once took
    /// 14.4 s while one refused connection did not take a replica out of the Receiver's proxy.)
    /// </summary>
    private static readonly TimeSpan MaxFailover = TimeSpan.FromSeconds(6);

    /// <summary>Sockets held open at once through the Receiver to see which replicas it uses.</summary>
    private const int ProbeSockets = 4;

    /// <summary>Long enough to measure a slow failover instead of only failing it.</summary>
    private static readonly TimeSpan MeasureFor = TimeSpan.FromSeconds(30);

    private const string ConnectedTo = """
        replica => document.getElementById('state').textContent === 'connected'
          && document.getElementById('replica').textContent === replica
        """;

    // Every text #state takes from now on, with the ms since then, for the report of a slow failover.
    private const string RecordStates = """
        () => {
          const state = document.getElementById('state');
          const start = performance.now();
          window.relayStates = [];
          new MutationObserver(() => window.relayStates.push(`${state.textContent} (${Math.round(performance.now() - start)} ms)`))
            .observe(state, { childList: true, characterData: true, subtree: true });
        }
        """;

    [Fact(Timeout = 120_000)]
    public async Task StoppedReplicaUnderThePage_StaysDown_PageReachesTheOtherReplicaWithinSixSeconds()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await relay.AllHealthyAsync();
        await WaitUntilTheReceiverUsesBothReplicasAsync(cancellation);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.OpenAsync(new Uri(relay.Endpoint(ResourceNames.Receiver), $"/?channels={RelayApi.UniqueChannel("failover")}"));
        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("connected");
        await page.WaitForFunctionAsync("() => document.getElementById('replica').textContent !== ''");
        var stopped = await page.Locator("#replica").TextContentAsync() ?? "";
        var index = relay.ReplicaIndexOf(ResourceNames.WsBackend, stopped);
        var other = relay.Replica(ResourceNames.WsBackend, 1 - index).InstanceId!;
        await page.EvaluateAsync(RecordStates);

        var clock = Stopwatch.StartNew();
        var stopping = relay.StopResourceAsync(ResourceNames.WsBackend, index, TestTimeouts.After(TestTimeouts.Recovery));
        try
        {
            await page.WaitForFunctionAsync(ConnectedTo, other, new() { Timeout = (float)MeasureFor.TotalMilliseconds });
            var failover = clock.Elapsed;
            await stopping.WaitAsync(cancellation);
            var states = await page.EvaluateAsync<string[]>("() => window.relayStates");
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{stopped} stopped: the page was connected to {other} after {failover.TotalMilliseconds:F0} ms; #state went {string.Join(" → ", states)}.");
            Assert.True(failover < MaxFailover,
                $"The page reached {other} {failover.TotalMilliseconds:F0} ms after {stopped} began to stop; the bound is {MaxFailover.TotalMilliseconds} ms. " +
                $"#state went {string.Join(" → ", states)}.");
        }
        finally
        {
            await stopping.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            await relay.StartResourceAsync(ResourceNames.WsBackend, index, TestTimeouts.After(TestTimeouts.Recovery));
            await relay.AllHealthyAsync();
        }

        // DCP's proxy takes the restarted replica back once its endpoint is up.
        var rejoin = Stopwatch.StartNew();
        await WaitUntilTheReceiverUsesBothReplicasAsync(cancellation);
        TestContext.Current.TestOutputHelper?.WriteLine($"{stopped} healthy again: the Receiver proxied to it after {rejoin.ElapsedMilliseconds} ms.");
    }

    /// <summary>
    /// A stopped or killed replica may still be left out by DCP's proxy although it is healthy again. The proxy
    /// sends each new socket to a replica with the fewest in flight, so a few sockets held open at once reach every
    /// replica the Receiver uses, whatever else is connected (the page, here).
    /// </summary>
    private async Task WaitUntilTheReceiverUsesBothReplicasAsync(CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(TestTimeouts.Recovery);
        var receiver = relay.WebSocketUri(ResourceNames.Receiver, query: $"channel={RelayApi.UniqueChannel("probe")}");
        while (true)
        {
            var replicas = await ReplicasBehindAsync(receiver);
            if (replicas.Count == relay.ReplicaCount(ResourceNames.WsBackend))
            {
                return;
            }

            Assert.False(deadline.IsCancellationRequested,
                $"{ProbeSockets} sockets at once through the Receiver all reached {string.Join(", ", replicas)}, for {TestTimeouts.Recovery.TotalSeconds} s.");
            await Task.Delay(250, deadline.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
    }

    private static async Task<HashSet<string>> ReplicasBehindAsync(Uri receiver)
    {
        List<WsTestClient> sockets = [];
        try
        {
            for (var i = 0; i < ProbeSockets; i++)
            {
                sockets.Add(await WsTestClient.ConnectAsync(receiver));
            }

            return [.. sockets.Select(socket => socket.Replica)];
        }
        finally
        {
            foreach (var socket in sockets)
            {
                await socket.DisposeAsync();
            }
        }
    }
}
