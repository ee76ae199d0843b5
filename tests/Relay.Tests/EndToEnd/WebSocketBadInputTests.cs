using System.Net;
using System.Net.WebSockets;
using System.Text;
using Relay.Contracts;
using Relay.Tests.Infrastructure;

namespace Relay.Tests.EndToEnd;

[Collection(RelayAppCollection.Name)]
public sealed class WebSocketBadInputTests(RelayApp relay)
{
    [Theory]
    [InlineData("this is not json")]
    [InlineData("""{"channel":"general"}""")]
    [InlineData("""{"type":"shout","channel":"general"}""")]
    [InlineData("""{"type":"subscribe","channel":"bad channel!"}""")]
    [InlineData("""{"type":"subscribe"}""")]
    [InlineData("[]")]
    public async Task BadFrame_GetsAnErrorFrame_AndTheConnectionKeepsWorking(string frame)
    {
        await using var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0, "channel=after-error"));

        await client.SendAsync(frame);

        var error = await client.ReceiveAsync(f => f.Type() == "error");
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("reason").GetString()));
        using var api = relay.CreateHttpClient(ResourceNames.Api);
        var text = Publisher.UniqueText();
        await Publisher.PublishAsync(api, "after-error", text);
        await client.ReceiveMessageAsync(text);
    }

    [Fact]
    public async Task Subscribing129thChannel_GetsAnErrorFrame()
    {
        await using var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 1));

        // The connection follows general already.
        for (var i = 1; i < SubscriptionLimits.MaxChannelsPerConnection; i++)
        {
            await client.SubscribeAsync($"many-{i}");
        }

        await client.SendAsync("""{"type":"subscribe","channel":"one-too-many"}""");
        var error = await client.ReceiveAsync(f => f.Type() == "error");
        Assert.Contains("128", error.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FrameOver4KiB_ClosesWith1009()
    {
        await using var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0));

        await client.SendAsync($$"""{"type":"subscribe","channel":"{{new string('x', 5000)}}"}""");

        var (status, reason) = await client.WaitForCloseAsync();
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, status);
        Assert.False(string.IsNullOrWhiteSpace(reason));
    }

    [Fact]
    public async Task BinaryFrame_ClosesWith1003()
    {
        await using var client = await WsTestClient.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 1));

        await client.SendAsync(Encoding.UTF8.GetBytes("{}"), WebSocketMessageType.Binary);

        var (status, _) = await client.WaitForCloseAsync();
        Assert.Equal(WebSocketCloseStatus.InvalidMessageType, status);
    }

    [Theory]
    [InlineData("channel=bad%20channel!")]
    [InlineData("channel=")]
    [InlineData("channel=ok&channel=-bad")]
    public async Task InvalidChannelInTheQuery_Returns400BeforeTheUpgrade(string query)
    {
        using var socket = new ClientWebSocket();
        TestCredentials.Authorize(socket.Options, relay.WebSocketUri(ResourceNames.WsBackend, 0, query));
        socket.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() =>
            socket.ConnectAsync(relay.WebSocketUri(ResourceNames.WsBackend, 0, query), TestTimeouts.After(TestTimeouts.Step)));

        Assert.Equal(HttpStatusCode.BadRequest, socket.HttpStatusCode);
    }

    [Fact]
    public async Task PlainHttpRequestToTheWebSocketEndpoint_Returns400ProblemDetails()
    {
        using var http = relay.CreateHttpClient(ResourceNames.WsBackend);

        using var response = await http.GetAsync(RelayRoutes.WebSocket, TestTimeouts.After(TestTimeouts.Step));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
