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
            Assert.Equal(["wsbackend-0", "wsbackend-1"], replicas);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}
