using System.Buffers;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Relay.Contracts;
using Relay.Security;
using Relay.WsBackend.Messaging;
using Relay.WsBackend.Options;
using Relay.WsBackend.Security;
using Relay.WsBackend.Telemetry;

namespace Relay.WsBackend.Connections;

/// <summary>
/// Runs an accepted WebSocket until it closes: receive loop (with the client's frame allowance, its token's grants and
/// its refreshes), cleanup. What it subscribes to (and its welcome) goes through the <see cref="DeliveryLoop"/>, in the
/// order the client asked.
/// </summary>
internal sealed class ConnectionRunner(
    DeliveryLoop deliveryLoop,
    ConnectionTracker tracker,
    ConnectionTokenValidator tokens,
    IOptions<WsBackendOptions> options,
    TimeProvider timeProvider,
    WsBackendMetrics metrics,
    ILogger<ConnectionRunner> logger)
{
    private readonly WsBackendOptions _options = options.Value;

    /// <param name="socket">The accepted WebSocket.</param>
    /// <param name="channels">The query's channels, valid, distinct and granted.</param>
    /// <param name="grant">What the connection's token grants; null for an anonymous connection.</param>
    /// <param name="name">The presence name, the token's subject; null when the connection is not a presence member.</param>
    /// <param name="since">The position to recover from, given only with a single channel.</param>
    public async Task RunAsync(WebSocket socket, string[] channels, ConnectionGrant? grant, string? name, ClientPosition? since)
    {
        var connection = new ClientConnection(
            socket, ClientConnection.NewClientId(), grant, name, timeProvider.GetUtcNow(),
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

        if (!connection.TryTakeFrame(_options.MaxFramesPerSecond, _options.MaxFrameBurst))
        {
            // Every frame costs the replica work (a parse, a delivery loop item, an answer): a flood closes its own
            // connection rather than slow down the others.
            Security.Log.TooManyFrames(logger, connection.Client, _options.MaxFramesPerSecond, _options.MaxFrameBurst);
            metrics.Refused(RefusalReason.TooManyFrames);
            await CloseAndDrainAsync(connection, CloseCodes.TooManyFrames, "too many frames");
            return false;
        }

        ClientFrame frame;
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

            frame = ClientFrameParser.Parse(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (frame.Kind == ClientFrameKind.Refresh)
        {
            return await RefreshAsync(connection, frame.Token!);
        }

        Handle(connection, frame);
        return true;
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

    private void Handle(ClientConnection connection, ClientFrame frame)
    {
        switch (frame.Kind)
        {
            case ClientFrameKind.Subscribe when !connection.MayFollow(frame.Channel!):
                Security.Log.SubscribeRefused(logger, connection.Client, frame.Channel!);
                metrics.Refused(RefusalReason.SubscribeForbidden);
                deliveryLoop.Refuse(connection, $"channel \"{frame.Channel}\" is not granted by this connection's token");
                break;
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

    /// <summary>
    /// A refresh frame: a valid token of the same subject extends the connection and replaces its grants (channels no
    /// longer granted are left); an invalid one is refused and the connection lives on until its current expiry; another
    /// subject's closes it with 4003. False when the connection is closing.
    /// </summary>
    private async Task<bool> RefreshAsync(ClientConnection connection, string token)
    {
        var check = await tokens.ValidateAsync(token);
        if (check.Grant is not { } grant || connection.Grant is not { } current)
        {
            var reason = check.Grant is null ? check.Reason : "a connection without a token cannot take one; connect again with it.";
            Security.Log.RefreshRefused(logger, connection.Client, check.Failure, reason);
            metrics.Refused(RefusalReason.RefreshInvalid);
            deliveryLoop.Refuse(connection, "refresh refused: " + reason);
            return true;
        }

        if (!string.Equals(grant.Subject, current.Subject, StringComparison.Ordinal))
        {
            Security.Log.RefreshForbidden(logger, connection.Client);
            metrics.Refused(RefusalReason.RefreshForbidden);
            await CloseAndDrainAsync(connection, CloseCodes.Forbidden, "forbidden");
            return false;
        }

        connection.Regrant(grant);
        var dropped = 0;
        foreach (var channel in connection.Channels)
        {
            if (!grant.Allows(channel))
            {
                connection.Unfollow(channel);
                deliveryLoop.Unsubscribe(connection, channel);
                dropped++;
            }
        }

        deliveryLoop.Refreshed(connection, grant.ExpiresAt);
        Security.Log.Refreshed(logger, connection.Client, grant.ExpiresAt, dropped);
        return true;
    }

    private void Refuse(ClientConnection connection, string reason)
    {
        Log.FrameRefused(logger, reason);

        // Through the loop like every answer, so answers keep the order of the frames (and follow the welcome).
        deliveryLoop.Refuse(connection, reason);
    }
}
