using System.Net.Sockets;
using System.Text;

namespace Relay.Hosting.Redis;

/// <summary>AUTH (when there is a password) and PING over RESP: enough to know the server answers.</summary>
internal static class RedisPing
{
    public static async Task<bool> PingAsync(RedisEndpoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(endpoint.Host, endpoint.Port, timeoutSource.Token);
            await using var stream = client.GetStream();

            var expected = new StringBuilder();
            var request = new StringBuilder();
            if (endpoint.Password is not null)
            {
                AppendCommand(request, endpoint.User is null ? ["AUTH", endpoint.Password] : ["AUTH", endpoint.User, endpoint.Password]);
                expected.Append("+OK\r\n");
            }

            AppendCommand(request, ["PING"]);
            expected.Append("+PONG\r\n");
            await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), timeoutSource.Token);

            var answer = await ReadAsync(stream, expected.Length, timeoutSource.Token);
            return answer == expected.ToString();
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static void AppendCommand(StringBuilder request, string[] arguments)
    {
        request.Append('*').Append(arguments.Length).Append("\r\n");
        foreach (var argument in arguments)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(argument)).Append("\r\n").Append(argument).Append("\r\n");
        }
    }

    // Reads until the expected length or the first error reply, whichever comes first.
    private static async Task<string> ReadAsync(NetworkStream stream, int length, CancellationToken cancellationToken)
    {
        var buffer = new byte[Math.Max(length, 256)];
        var read = 0;
        while (read < length)
        {
            var count = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (count == 0 || buffer[0] == (byte)'-')
            {
                break;
            }

            read += count;
        }

        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}
