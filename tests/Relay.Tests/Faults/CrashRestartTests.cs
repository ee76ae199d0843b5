using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Relay.Contracts;
using Relay.Hosting;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Faults;

/// <summary>Kills and stops processes under the engine's supervision, so it has an app of its own.</summary>
[Trait("Category", "Faults")]
public sealed class CrashRestartTests(CrashRestartTests.CrashApp relay) : IClassFixture<CrashRestartTests.CrashApp>
{
    [Fact]
    public async Task KilledWsBackendReplica_IsRestarted_AndDeliversAgain()
    {
        var before = Snapshot("wsbackend-0");

        Process.GetProcessById(before.ProcessId!.Value).Kill();

        var after = await WaitForAsync("wsbackend-0", s => s.State == ResourceState.Running && s.ProcessId is { } pid && pid != before.ProcessId);
        Assert.Equal(before.RestartCount + 1, after.RestartCount);
        await relay.App.WaitForResourceHealthyAsync(ResourceNames.WsBackend, TestTimeouts.After(TestTimeouts.Recovery));

        await using var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0));
        Assert.Equal("wsbackend-0", client.Replica);
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var text = Publisher.UniqueText("after-crash");
        await Publisher.PublishAsync(api, RelayChannels.Default, text);
        await client.ReceiveMessageAsync(text);

        using var dashboard = relay.CreateDashboardClient();
        var listed = await dashboard.GetFromJsonAsync<JsonElement>("/api/resources", TestContext.Current.CancellationToken);
        var shown = Assert.Single(listed.EnumerateArray(), r => r.GetProperty("instance").GetString() == "wsbackend-0");
        Assert.Equal(after.RestartCount, shown.GetProperty("restartCount").GetInt32());
        Assert.Equal(after.ProcessId, shown.GetProperty("processId").GetInt32());
    }

    [Fact]
    public async Task KilledRedis_IsRestarted_AndPublishingReachesBothReplicasAgain()
    {
        var before = Snapshot("redis-0");
        await using var first = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0));
        await using var second = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 1));
        using var api = relay.CreateHttpClient(ResourceNames.Api);

        Process.GetProcessById(before.ProcessId!.Value).Kill();

        var after = await WaitForAsync("redis-0", s => s.State == ResourceState.Running && s.ProcessId is { } pid && pid != before.ProcessId);
        Assert.Equal(before.RestartCount + 1, after.RestartCount);
        await relay.App.WaitForResourceHealthyAsync(ResourceNames.Redis, TestTimeouts.After(TestTimeouts.Recovery));
        foreach (var client in new[] { first, second })
        {
            await DeliveredWithinAsync(api, client);
        }
    }

    [Fact]
    public async Task StoppedReplica_IsNotRestarted_UntilStarted()
    {
        var before = Snapshot("wsbackend-1");

        await relay.App.StopResourceAsync(ResourceNames.WsBackend, 1, TestTimeouts.After(TestTimeouts.Step));

        // A crash would be restarted after 1 s: three seconds of a stopped replica show that a stop is not one.
        var watched = Stopwatch.StartNew();
        while (watched.Elapsed < TimeSpan.FromSeconds(3))
        {
            var state = Snapshot("wsbackend-1");
            Assert.True(state.State is ResourceState.Exited && state.ProcessId is null, $"wsbackend-1 came back by itself: {state}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        await relay.App.StartResourceAsync(ResourceNames.WsBackend, 1, TestTimeouts.After(TestTimeouts.Recovery));
        await relay.App.WaitForResourceHealthyAsync(ResourceNames.WsBackend, TestTimeouts.After(TestTimeouts.Recovery));
        var after = Snapshot("wsbackend-1");
        Assert.NotEqual(before.ProcessId, after.ProcessId);
        Assert.Equal(before.RestartCount + 1, after.RestartCount);
    }

    private ResourceSnapshot Snapshot(string instance) => relay.App.GetResources().Single(r => r.Instance == instance);

    // The engine has no event for "a new process": poll the snapshot, bounded.
    private async Task<ResourceSnapshot> WaitForAsync(string instance, Func<ResourceSnapshot, bool> condition)
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Recovery);
        while (true)
        {
            var snapshot = Snapshot(instance);
            if (condition(snapshot))
            {
                return snapshot;
            }

            Assert.False(deadline.IsCancellationRequested, $"{instance} did not come back: {snapshot}");
            await Task.Delay(100, deadline.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    // The Api and the replicas reconnect to the restarted Redis a moment after it is healthy: publish until one arrives, bounded.
    private static async Task DeliveredWithinAsync(HttpClient api, WsTestClient client)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var text = Publisher.UniqueText("redis-back");
            using var response = await Publisher.PostAsync(api, RelayChannels.Default, text);
            if (response.IsSuccessStatusCode && await client.ReceivesMessageAsync(text, TimeSpan.FromSeconds(1)))
            {
                return;
            }

            if (!response.IsSuccessStatusCode)
            {
                await Task.Delay(250, TestContext.Current.CancellationToken);
            }
        }

        Assert.Fail($"Delivery to {client.Replica} did not resume after Redis was restarted.");
    }

    /// <summary>The whole app with its dashboard on, to read what /api/resources says of a restart.</summary>
    public sealed class CrashApp(Xunit.Sdk.IMessageSink diagnostics) : RelayApp(diagnostics)
    {
        protected override string[] Arguments => ["--Dashboard:Enabled=true"];

        public HttpClient CreateDashboardClient()
        {
            var dashboard = App.Dashboard ?? throw new InvalidOperationException("The dashboard is off.");
            var client = new HttpClient { BaseAddress = dashboard.FrontendUrl };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", dashboard.BrowserToken);
            return client;
        }
    }
}
