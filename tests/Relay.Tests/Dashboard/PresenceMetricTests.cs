using System.Net.Http.Json;
using System.Text.Json;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.Dashboard;

/// <summary><c>relay.presence.members</c> reaches the dashboard per replica, and follows joins and leaves.</summary>
[Collection(DashboardAppCollection.Name)]
public sealed class PresenceMetricTests(DashboardApp relay)
{
    [Fact]
    public async Task NamedConnections_AreCountedAsMembers_OnTheirReplica()
    {
        using var dashboard = relay.CreateDashboardClient();
        var before = await MembersAsync(dashboard, "wsbackend-1") ?? 0;
        var channels = $"channel={RelayApi.UniqueChannel("metric-a")}&channel={RelayApi.UniqueChannel("metric-b")}";

        await using (await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 1, $"{channels}&name=ada")))
        {
            // One named connection following two channels: two members.
            await WaitForMembersAsync(dashboard, before + 2);
        }

        await WaitForMembersAsync(dashboard, before);
    }

    private static async Task WaitForMembersAsync(HttpClient dashboard, double expected)
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Recovery);
        double? seen = null;
        while (!deadline.IsCancellationRequested)
        {
            seen = await MembersAsync(dashboard, "wsbackend-1");
            if (seen == expected)
            {
                return;
            }

            await Task.Delay(250, CancellationToken.None);
        }

        Assert.Fail($"relay.presence.members of wsbackend-1 stayed {seen?.ToString() ?? "absent"}, expected {expected}.");
    }

    private static async Task<double?> MembersAsync(HttpClient dashboard, string instance)
    {
        var resources = await dashboard.GetFromJsonAsync<JsonElement>("/api/metrics?service=wsbackend");
        foreach (var resource in resources.EnumerateArray().Where(r => r.GetProperty("instance").GetString() == instance))
        {
            foreach (var instrument in resource.GetProperty("instruments").EnumerateArray())
            {
                if (instrument.GetProperty("name").GetString() == RelayInstruments.PresenceMembers
                    && instrument.GetProperty("value").ValueKind == JsonValueKind.Number)
                {
                    return instrument.GetProperty("value").GetDouble();
                }
            }
        }

        return null;
    }
}
