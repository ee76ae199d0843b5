using System.Net.WebSockets;
using System.Text.Json;

namespace Relay.Bench.Clients;

/// <summary>Opens a client WebSocket and reads the server's first frame, the welcome.</summary>
internal static class WebSocketConnector
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The open socket and the welcome's <c>replica</c>.</summary>
    /// <remarks>With <paramref name="authorize"/> false the socket sends no token (an anonymous follower).</remarks>
    public static async Task<(ClientWebSocket Socket, string Replica)> ConnectAsync(Uri uri, CancellationToken cancellationToken, bool authorize = true)
    {
        var socket = new ClientWebSocket();
        socket.Options.Proxy = null;
        if (authorize)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + BenchCredentials.Token);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await socket.ConnectAsync(uri, timeout.Token);
            var buffer = new byte[1024];
            var result = await socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);
            if (result.MessageType != WebSocketMessageType.Text || !result.EndOfMessage)
            {
                throw new InvalidOperationException($"{uri}: expected a welcome frame first, got {result.MessageType}.");
            }

            using var welcome = JsonDocument.Parse(buffer.AsMemory(0, result.Count));
            var replica = welcome.RootElement.TryGetProperty("replica", out var name) ? name.GetString() ?? "" : "";
            return (socket, replica);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A polite close (bounded), then abort: the bench never waits long on a socket it is done with.</summary>
    public static async Task CloseAsync(ClientWebSocket socket)
    {
        if (socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bench done", timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
            {
            }
        }

        socket.Abort();
    }

    /// <summary>Connects <paramref name="count"/> sockets, <paramref name="parallelism"/> at a time.</summary>
    public static async Task<T[]> ConnectManyAsync<T>(int count, int parallelism, Func<int, CancellationToken, Task<T>> connect, CancellationToken cancellationToken)
    {
        var results = new T[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (i, token) => results[i] = await connect(i, token));
        return results;
    }
}
