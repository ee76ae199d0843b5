using System.Buffers;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Relay.Contracts;
using Relay.WsBackend.Frames;
using Relay.WsBackend.Identity;
using Relay.WsBackend.Options;
using Relay.WsBackend.Telemetry;

namespace Relay.WsBackend.Connections;

/// <summary>Runs an accepted WebSocket until it closes: welcome, receive loop, cleanup.</summary>
internal sealed class ConnectionRunner(
    SubscriptionRegistry subscriptions,
    ConnectionTracker tracker,
    ReplicaIdentity replica,
    IOptions<WsBackendOptions> options,
    WsBackendMetrics metrics,
    ILogger<ConnectionRunner> logger)
{
    private readonly WsBackendOptions _options = options.Value;

    public async Task RunAsync(WebSocket socket, string[] channels)
    {
        var connection = new ClientConnection(socket, _options.SendQueueLimitBytes, _options.CloseTimeout, metrics, logger);
        if (!tracker.TryAdd(connection))
        {
            await connection.CloseAsync(CloseCodes.ServiceRestart, "service restart");
            await connection.EndAsync();
            return;
        }

        Log.ConnectionOpened(logger, channels.Length);
        try
        {
            // The welcome goes first, before any message of the followed channels can be queued.
            connection.Enqueue(ServerFrames.Welcome(replica.Id, channels));
            foreach (var channel in channels)
            {
                connection.Follow(channel);
                subscriptions.Subscribe(channel, connection);
            }

            var receiveLoop = ReceiveLoopAsync(connection);
            connection.AttachReceiveLoop(receiveLoop);
            await receiveLoop;
        }
        finally
        {
            subscriptions.UnsubscribeAll(connection);
            tracker.Remove(connection);
            await connection.EndAsync();
            Log.ConnectionClosed(logger, socket.CloseStatus is { } status ? (int)status : null);
        }
    }

    private async Task ReceiveLoopAsync(ClientConnection connection)
    {
        var socket = connection.Socket;
        try
        {
            while (true)
            {
                // A zero-byte read waits for the next frame header without holding a buffer: ManagedWebSocket
                // turns it into a zero-byte read of Kestrel's stream, and answers pings and pongs inside it.
                var peek = await socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
                if (!await ReceiveMessageAsync(connection, peek))
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The peer vanished or the socket was aborted (slow consumer, failed send, shutdown): nothing to answer.
            Log.ReceiveEnded(logger, ex.Message);
        }
        catch (Exception ex)
        {
            Log.ReceiveFailed(logger, ex);
        }
    }

    /// <summary>Reads and handles one message; false when the connection is closing.</summary>
    private async Task<bool> ReceiveMessageAsync(ClientConnection connection, ValueWebSocketReceiveResult peek)
    {
        switch (peek.MessageType)
        {
            case WebSocketMessageType.Close:
                _ = connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "");
                return false;
            case WebSocketMessageType.Binary:
                await CloseAndDrainAsync(connection, WebSocketCloseStatus.InvalidMessageType, "binary frames are not supported");
                return false;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(MessageLimits.MaxClientFrameBytes);
        try
        {
            var memory = buffer.AsMemory(0, MessageLimits.MaxClientFrameBytes);
            var length = 0;
            var result = peek;
            while (!result.EndOfMessage)
            {
                if (length == memory.Length)
                {
                    await CloseAndDrainAsync(connection, WebSocketCloseStatus.MessageTooBig, "message too big");
                    return false;
                }

                result = await connection.Socket.ReceiveAsync(memory[length..], CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _ = connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "");
                    return false;
                }

                length += result.Count;
            }

            Handle(connection, buffer.AsSpan(0, length));
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Closes for a protocol violation, then reads and discards until the peer's close frame (RFC 6455 7.1.1).
    /// Returning at once would close the TCP connection with unread input, which Linux turns into a reset that
    /// can destroy the close frame before the client reads it. The close timeout bounds the wait.
    /// </summary>
    private static async Task CloseAndDrainAsync(ClientConnection connection, WebSocketCloseStatus status, string description)
    {
        _ = connection.CloseAsync(status, description);
        var discard = ArrayPool<byte>.Shared.Rent(MessageLimits.MaxClientFrameBytes);
        try
        {
            while ((await connection.Socket.ReceiveAsync(discard.AsMemory(), CancellationToken.None)).MessageType != WebSocketMessageType.Close)
            {
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(discard);
        }
    }

    private void Handle(ClientConnection connection, ReadOnlySpan<byte> payload)
    {
        var frame = ClientFrameParser.Parse(payload);
        switch (frame.Kind)
        {
            case ClientFrameKind.Subscribe when connection.Follows(frame.Channel!):
                connection.Enqueue(ServerFrames.Subscribed(frame.Channel!));
                break;
            case ClientFrameKind.Subscribe when connection.Channels.Length >= _options.MaxChannelsPerConnection:
                Refuse(connection, $"too many channels: a connection follows at most {_options.MaxChannelsPerConnection}");
                break;
            case ClientFrameKind.Subscribe:
                // Acknowledged before it takes effect, so the ack precedes the channel's first message.
                connection.Enqueue(ServerFrames.Subscribed(frame.Channel!));
                connection.Follow(frame.Channel!);
                subscriptions.Subscribe(frame.Channel!, connection);
                break;
            case ClientFrameKind.Unsubscribe:
                if (connection.Unfollow(frame.Channel!))
                {
                    subscriptions.Unsubscribe(frame.Channel!, connection);
                }

                connection.Enqueue(ServerFrames.Unsubscribed(frame.Channel!));
                break;
            default:
                Refuse(connection, frame.Error!);
                break;
        }
    }

    private void Refuse(ClientConnection connection, string reason)
    {
        Log.FrameRefused(logger, reason);
        connection.Enqueue(ServerFrames.Error(reason));
    }
}
