using Relay.WsBackend.Connections;

namespace Relay.WsBackend.Messaging;

/// <summary>One item of the delivery loop: everything that changes what a socket receives is one of these.</summary>
internal abstract record DeliveryWork
{
    /// <summary>A message from pub/sub (its Relay channel), still raw: only the loop decodes it, and only for a followed channel.</summary>
    public sealed record Published(string Channel, ReadOnlyMemory<byte> Payload) : DeliveryWork;

    /// <summary>A new connection: its query's channels, and the position to recover from when it names one channel.</summary>
    public sealed record Opened(ClientConnection Connection, string[] Channels, ClientPosition? Since) : DeliveryWork;

    public sealed record Subscribed(ClientConnection Connection, string Channel, ClientPosition? Since) : DeliveryWork;

    public sealed record Unsubscribed(ClientConnection Connection, string Channel) : DeliveryWork;

    /// <summary>A client frame was refused: the error frame queues behind the answers to the frames before it.</summary>
    public sealed record Refused(ClientConnection Connection, string Reason) : DeliveryWork;

    /// <summary>A refresh was accepted: the refreshed frame queues behind the answers to the frames before it (and the unsubscribes it caused).</summary>
    public sealed record Refreshed(ClientConnection Connection, DateTimeOffset ExpiresAt) : DeliveryWork;

    /// <summary>The connection's receive loop ended: it leaves every channel.</summary>
    public sealed record Closed(ClientConnection Connection) : DeliveryWork;

    /// <summary>The broker link came back: compare every followed channel with Redis.</summary>
    public sealed record Resync : DeliveryWork
    {
        public static readonly Resync Instance = new();
    }
}
