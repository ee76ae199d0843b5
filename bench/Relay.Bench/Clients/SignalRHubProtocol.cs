using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Relay.Bench.Clients;

/// <summary>
/// The SignalR JSON hub protocol over a raw <see cref="ClientWebSocket"/>, not Microsoft.AspNetCore.SignalR.Client,
/// so a SignalR subscriber costs the bench what a Relay or Node one does. It connects straight to the hub's
/// WebSocket (no negotiate: the server takes a WebSocket request without a connection id as a new connection),
/// does the handshake, invokes <c>Join(channel)</c> and waits for its completion (which names the instance), then
/// reads <c>message</c> invocations. Records end with 0x1E, and one WebSocket message may hold several.
/// </summary>
internal sealed class SignalRHubProtocol(string channel) : SubscriberProtocol
{
    /// <summary>Half the server's default client timeout (30 s), as SignalR's own clients ping.</summary>
    private static readonly TimeSpan s_pingInterval = TimeSpan.FromSeconds(15);

    private const byte RecordSeparator = 0x1E;
    private const string JoinInvocationId = "join";
    private static readonly byte[] s_handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e");
    private static readonly byte[] s_ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");

    // Under load the server batches several invocations into one WebSocket message.
    public override int ReceiveBufferSize => 64 * 1024;

    public override async Task<(ClientWebSocket Socket, string Replica)> ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.Proxy = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(WebSocketConnector.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(uri, timeout.Token);
            await socket.SendAsync(s_handshake, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
            var handshake = await ReceiveRecordsAsync(socket, timeout.Token);
            if (handshake.Count == 0 || handshake[0]["error"] is not null)
            {
                throw new InvalidOperationException($"{uri}: SignalR handshake refused: {handshake.FirstOrDefault()?.ToJsonString()}");
            }

            var join = new JsonObject
            {
                ["type"] = 1,
                ["invocationId"] = JoinInvocationId,
                ["target"] = "Join",
                ["arguments"] = new JsonArray(channel),
            };
            await socket.SendAsync(Encoding.UTF8.GetBytes(join.ToJsonString() + "\u001e"), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
            while (true)
            {
                // Before the join completes the group sends nothing: only pings can come first.
                foreach (var record in await ReceiveRecordsAsync(socket, timeout.Token))
                {
                    if ((int?)record["type"] == 3 && (string?)record["invocationId"] == JoinInvocationId)
                    {
                        return record["error"] is { } failed
                            ? throw new InvalidOperationException($"{uri}: Join failed: {failed}")
                            : (socket, (string?)record["result"] ?? "");
                    }
                }
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public override bool TryTakeRecord(ref ReadOnlySpan<byte> message, out ReadOnlySpan<byte> record)
    {
        var end = message.IndexOf(RecordSeparator);
        record = end < 0 ? message : message[..end];
        message = end < 0 ? [] : message[(end + 1)..];
        return end >= 0 || !record.IsEmpty;
    }

    // Pings; anything else that is not a message invocation (a close, say) is counted as unexpected.
    public override bool IsControl(ReadOnlySpan<byte> record) => record.StartsWith("{\"type\":6"u8);

    /// <summary>
    /// A ping every 15 s: the server closes a client it has heard nothing from for 30 s, and a subscriber otherwise
    /// only reads.
    /// </summary>
    public override async Task KeepAliveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                await Task.Delay(s_pingInterval, cancellationToken);
                await socket.SendAsync(s_ping, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private static async Task<List<JsonNode>> ReceiveRecordsAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
            length += result.Count;
        }
        while (!result.EndOfMessage && length < buffer.Length);

        if (result.MessageType == WebSocketMessageType.Close)
        {
            throw new InvalidOperationException($"SignalR closed the connection: {socket.CloseStatus} {socket.CloseStatusDescription}");
        }

        var records = new List<JsonNode>();
        foreach (var record in Encoding.UTF8.GetString(buffer, 0, length).Split('\u001e', StringSplitOptions.RemoveEmptyEntries))
        {
            records.Add(JsonNode.Parse(record) ?? throw new JsonException("A null SignalR record."));
        }

        return records;
    }
}
