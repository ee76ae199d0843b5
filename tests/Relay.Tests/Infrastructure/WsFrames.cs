using System.Net;
using System.Net.WebSockets;
using System.Text.Json;

namespace Relay.Tests.Infrastructure;

/// <summary>Reading the position-carrying frames (subscribed, message) of one channel.</summary>
internal static class WsFrames
{
    public static long Offset(this JsonElement frame) => frame.GetProperty("offset").GetInt64();

    public static string? Epoch(this JsonElement frame) =>
        frame.TryGetProperty("epoch", out var epoch) && epoch.ValueKind == JsonValueKind.String ? epoch.GetString() : null;

    public static string? Text(this JsonElement frame) =>
        frame.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;

    /// <summary>The <c>recovered</c> flag, or null when the frame has none.</summary>
    public static bool? Recovered(this JsonElement frame) =>
        frame.TryGetProperty("recovered", out var recovered) && recovered.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? recovered.GetBoolean()
            : null;

    public static bool IsOn(this JsonElement frame, string type, string channel) =>
        frame.Type() == type && frame.TryGetProperty("channel", out var c) && c.GetString() == channel;

    public static Task<JsonElement> ReceiveSubscribedAsync(this WsTestClient client, string channel) =>
        client.ReceiveAsync(f => f.IsOn("subscribed", channel));

    /// <summary>
    /// Every subscribed and message frame of <paramref name="channel"/>, in arrival order, up to and including the
    /// message whose text is <paramref name="lastText"/>.
    /// </summary>
    public static async Task<List<JsonElement>> ReceiveUntilAsync(this WsTestClient client, string channel, string lastText)
    {
        var frames = new List<JsonElement>();
        while (true)
        {
            var frame = await client.ReceiveAsync(f => f.IsOn("message", channel) || f.IsOn("subscribed", channel));
            frames.Add(frame);
            if (frame.Type() == "message" && frame.Text() == lastText)
            {
                return frames;
            }
        }
    }

    /// <summary>The offsets of the message frames among <paramref name="frames"/>, in order.</summary>
    public static long[] MessageOffsets(this IEnumerable<JsonElement> frames) =>
        [.. frames.Where(f => f.Type() == "message").Select(Offset)];

    /// <summary>
    /// The HTTP status a refused WebSocket upgrade answered with. The client sends a test token unless
    /// <paramref name="authorize"/> is false; <paramref name="configure"/> sets anything else (headers, subprotocols).
    /// </summary>
    public static async Task<HttpStatusCode> RefusedUpgradeAsync(Uri uri, bool authorize = true, Action<ClientWebSocketOptions>? configure = null)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (authorize)
        {
            TestCredentials.Authorize(socket.Options, uri);
        }

        configure?.Invoke(socket.Options);
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(uri, TestTimeouts.After(TestTimeouts.Step)));
        return socket.HttpStatusCode;
    }
}
