using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.EndToEnd;

[Collection(RelayAppCollection.Name)]
public sealed class ReceiverProxyTests(RelayApp relay)
{
    [Fact]
    public async Task ReceiverWebSocket_DeliversMessages()
    {
        await using var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.Receiver, 0, "channel=via-receiver"));
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var text = Publisher.UniqueText();

        await Publisher.PublishAsync(api, "via-receiver", text);

        await client.ReceiveMessageAsync(text);
    }

    [Fact]
    public async Task ReceiverConnections_LandOnBothReplicas()
    {
        var clients = new List<WsTestClient>();
        try
        {
            for (var i = 0; i < 6; i++)
            {
                clients.Add(await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.Receiver)));
            }

            var replicas = clients.Select(c => c.Replica).Distinct().Order().ToList();
            Assert.Equal(relay.Resources.Replicas(ResourceNames.WsBackend).Select(r => r.InstanceId).Order(), replicas);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Receiver_ProxiesTheChannelsApi_HistoryAndPresence()
    {
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        using var receiver = relay.CreateHttpClient(ResourceNames.Receiver);
        // As the Receiver's page does: its connection token, forwarded by the proxy, lets it read the channels it grants.
        receiver.DefaultRequestHeaders.Authorization = new("Bearer", TestCredentials.Token("page-reader"));
        var channel = RelayApi.UniqueChannel("via-receiver");
        var published = await RelayApi.PublishAsync(api, channel, "kept");
        await using var named = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.Receiver, 0, $"channel={channel}&name=gina"));
        await RelayApi.WaitForPresenceAsync(api, channel, members => members.Length == 1);

        var history = (await RelayApi.GetHistoryAsync(receiver, channel)).Expect(System.Net.HttpStatusCode.OK).Body;
        var presence = (await RelayApi.GetPresenceAsync(receiver, channel)).Expect(System.Net.HttpStatusCode.OK).Body;

        Assert.Equal(published.Id, history.GetProperty("messages")[0].GetProperty("id").GetString());
        Assert.Equal("gina", presence.GetProperty("members")[0].GetProperty("name").GetString());
        Assert.Equal(named.Client, presence.GetProperty("members")[0].GetProperty("client").GetString());
    }
}
