using System.Net.WebSockets;

namespace Relay.Bench.Clients;

/// <summary>
/// Relay's WebSocket protocol as the bench needs it: the channel in the query, a welcome frame naming the replica,
/// then one JSON object per frame. The server pings; the client's pending read answers.
/// </summary>
internal sealed class RelayFrameProtocol : SubscriberProtocol
{
    public override Task<(ClientWebSocket Socket, string Replica)> ConnectAsync(Uri uri, CancellationToken cancellationToken) =>
        WebSocketConnector.ConnectAsync(uri, cancellationToken);

    public override bool TryTakeRecord(ref ReadOnlySpan<byte> message, out ReadOnlySpan<byte> record)
    {
        record = message;
        message = [];
        return !record.IsEmpty;
    }

    // The channel's subscribed frame (its position) comes after the welcome: part of the protocol, not a message.
    public override bool IsControl(ReadOnlySpan<byte> record) => record.StartsWith("{\"type\":\"subscribed\""u8);
}
