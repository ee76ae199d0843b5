using System.Net.WebSockets;

namespace Relay.Bench.Clients;

/// <summary>
/// A WebSocket that only stays open: after the welcome it keeps one zero-byte read pending, which is what lets
/// the client answer the server's pings, and holds no receive buffer.
/// </summary>
internal sealed class IdleSocket
{
    private readonly ClientWebSocket _socket;
    private readonly Task _readLoop;

    private IdleSocket(ClientWebSocket socket)
    {
        _socket = socket;
        _readLoop = Task.Run(ReadLoopAsync, CancellationToken.None);
    }

    public bool IsOpen => _socket.State == WebSocketState.Open;

    public static async Task<IdleSocket> ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        var (socket, _) = await WebSocketConnector.ConnectAsync(uri, cancellationToken);
        return new IdleSocket(socket);
    }

    public async Task StopAsync()
    {
        await WebSocketConnector.CloseAsync(_socket);
        await _readLoop;
        _socket.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while ((await _socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None)).MessageType != WebSocketMessageType.Close)
            {
                // Idle sockets get no data frames; if one comes anyway, the next read consumes it.
                await _socket.ReceiveAsync(new byte[4096].AsMemory(), CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
