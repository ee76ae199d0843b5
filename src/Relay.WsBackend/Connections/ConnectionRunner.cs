using System.Buffers;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Relay.Contracts;
using Relay.WsBackend.Messaging;
using Relay.WsBackend.Options;
using Relay.WsBackend.Telemetry;

namespace Relay.WsBackend.Connections;

/// <summary>
/// Runs an accepted WebSocket until it closes: receive loop, cleanup. What it subscribes to (and its welcome) goes
/// through the <see cref="DeliveryLoop"/>, in the order the client asked.
/// </summary>
internal sealed class ConnectionRunner(
    DeliveryLoop deliveryLoop,
    ConnectionTracker tracker,
    IOptions<WsBackendOptions> options,
    TimeProvider timeProvider,
    WsBackendMetrics metrics,
    ILogger<ConnectionRunner> logger)
{
    private readonly WsBackendOptions _options = options.Value;

    /// <param name="socket">The accepted WebSocket.</param>
    /// <param name="channels">The query's channels, valid and distinct.</param>
    /// <param name="name">The presence name, valid; null for an anonymous connection.</param>
    /// <param name="since">The position to recover from, given only with a single channel.</param>
    public async Task RunAsync(WebSocket socket, string[] channels, string? name, ClientPosition? since)
    {
        var connection = new ClientConnection(
            socket, ClientConnection.NewClientId(), name, timeProvider.GetUtcNow(),
            _options.SendQueueLimitBytes, _options.CloseTimeout, metrics, logger);
        if (!tracker.TryAdd(connection))
        {
            await connection.CloseAsync(CloseCodes.ServiceRestart, "service restart");
            await connection.EndAsync();
            return;
        }

        Log.ConnectionOpened(logger, channels.Length);
        try
        {
            // The loop queues the welcome first, once the query's channels are live.
            foreach (var channel in channels)
            {
                connection.Follow(channel);
            }

            deliveryLoop.Open(connection, channels, since);

            var receiveLoop = ReceiveLoopAsync(connection);
            connection.AttachReceiveLoop(receiveLoop);
            await receiveLoop;
        }
        finally
        {
            deliveryLoop.Close(connection);
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
            case ClientFrameKind.Subscribe when !connection.Follows(frame.Channel!)
                && connection.Channels.Length >= _options.MaxChannelsPerConnection:
                Refuse(connection, $"too many channels: a connection follows at most {_options.MaxChannelsPerConnection}");
                break;
            case ClientFrameKind.Subscribe when !connection.TryQueueSubscribe(_options.MaxPendingSubscribes):
                Refuse(connection, $"too many pending subscribes: at most {_options.MaxPendingSubscribes} wait for their answer");
                break;
            case ClientFrameKind.Subscribe:
                // Also for a channel already followed: the answer tells the position, and a since is recovered.
                if (!connection.Follows(frame.Channel!))
                {
                    connection.Follow(frame.Channel!);
                }

                deliveryLoop.Subscribe(connection, frame.Channel!, frame.Since);
                break;
            case ClientFrameKind.Unsubscribe:
                // The loop answers once the channel is left (also when it was not followed).
                connection.Unfollow(frame.Channel!);
                deliveryLoop.Unsubscribe(connection, frame.Channel!);
                break;
            default:
                Refuse(connection, frame.Error!);
                break;
        }
    }

    private void Refuse(ClientConnection connection, string reason)
    {
        Log.FrameRefused(logger, reason);

        // Through the loop like every answer, so answers keep the order of the frames (and follow the welcome).
        deliveryLoop.Refuse(connection, reason);
    }
}
