namespace Relay.WsBackend.Connections;

/// <summary>
/// A frame waiting in a socket's send queue. A message frame carries when the Api published it, so the pump can
/// record the delivery lag once the frame is written; it is a struct beside the shared bytes, so queueing one
/// message on many sockets still allocates nothing per socket.
/// </summary>
/// <param name="Frame">The encoded frame; the same bytes may wait in many queues and are never written to.</param>
/// <param name="PublishedAtUtcTicks">The message's <c>publishedAt</c> in UTC ticks; 0 for a frame that is not a message.</param>
internal readonly record struct QueuedFrame(ReadOnlyMemory<byte> Frame, long PublishedAtUtcTicks)
{
    public bool IsMessage => PublishedAtUtcTicks != 0;
}
