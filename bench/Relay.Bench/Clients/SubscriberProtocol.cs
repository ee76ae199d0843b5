using System.Net.WebSockets;

namespace Relay.Bench.Clients;

/// <summary>
/// How a fan-out subscriber talks to what it measures: how it connects and follows its channel, and how a WebSocket
/// message splits into records. Everything after that (stamps, histogram, loss counting) is the same for every
/// target, in <see cref="FanoutSubscriber"/>.
/// </summary>
internal abstract class SubscriberProtocol
{
    /// <summary>Relay's frames, which the Node stack's ws servers copy: a welcome, then one JSON message per frame.</summary>
    public static readonly SubscriberProtocol RelayFrames = new RelayFrameProtocol();

    /// <summary>The largest WebSocket message the subscriber reads whole.</summary>
    public virtual int ReceiveBufferSize => 16 * 1024;

    /// <summary>Connects and follows the channel; the open socket and the name of the instance that serves it.</summary>
    public abstract Task<(ClientWebSocket Socket, string Replica)> ConnectAsync(Uri uri, CancellationToken cancellationToken);

    /// <summary>Takes the next record off the front of <paramref name="message"/>; false when none is left.</summary>
    public abstract bool TryTakeRecord(ref ReadOnlySpan<byte> message, out ReadOnlySpan<byte> record);

    /// <summary>A record of the protocol itself (a ping, a subscription notice), not a message.</summary>
    public abstract bool IsControl(ReadOnlySpan<byte> record);

    /// <summary>What the client must send while it only reads, until cancelled; the only sender before the close.</summary>
    public virtual Task KeepAliveAsync(ClientWebSocket socket, CancellationToken cancellationToken) => Task.CompletedTask;
}
