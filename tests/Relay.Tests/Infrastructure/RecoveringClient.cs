using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;

namespace Relay.Tests.Infrastructure;

/// <summary>
/// A WebSocket client that follows one channel the way a resilient app does: it keeps its position (the last offset
/// and epoch it got) and, when its socket closes or breaks, reconnects to the next endpoint of its list with
/// <c>since</c> and <c>epoch</c>. What it sees is recorded in its <see cref="Log"/>, for the assertions.
/// Reconnecting is bounded: after <see cref="MaxFailedConnects"/> failed connects in a row it gives up, and every
/// wait on it fails with what it saw.
/// </summary>
public sealed class RecoveringClient : IAsyncDisposable
{
    public const int MaxFailedConnects = 30;

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1);

    private readonly IReadOnlyList<Uri> _endpoints;
    private readonly string _channel;
    private readonly bool _reconnect;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    private RecoveringClient(IReadOnlyList<Uri> endpoints, string channel, string? name, bool reconnect)
    {
        _endpoints = endpoints;
        _channel = channel;
        _reconnect = reconnect;
        Name = name;
        Log = new ChannelLog(channel, name);
    }

    public ChannelLog Log { get; }

    /// <summary>The presence name it connects with; null for an anonymous client.</summary>
    public string? Name { get; }

    public string Replica => Log.Replica;

    public string Client => Log.Client;

    public (long Offset, string? Epoch) Position => Log.Position;

    public IReadOnlyList<ReceivedMessage> Messages => Log.Messages;

    public IReadOnlyList<SubscribedSeen> Subscribed => Log.Subscribed;

    public IReadOnlyList<CloseSeen> Closes => Log.Closes;

    public IReadOnlyList<PresenceSeen> Presence => Log.Presence;

    /// <summary>
    /// Connects to the first endpoint (each is a <c>ws://host:port/ws</c> without query) and returns once the channel
    /// is subscribed. With <paramref name="reconnect"/> false, a closed socket stays closed.
    /// </summary>
    public static async Task<RecoveringClient> ConnectAsync(IReadOnlyList<Uri> endpoints, string channel, string? name = null, bool reconnect = true)
    {
        Assert.NotEmpty(endpoints);
        var client = new RecoveringClient(endpoints, channel, name, reconnect);
        client._loop = Task.Run(client.RunAsync);
        try
        {
            await client.WaitUntilAsync(c => c.Subscribed.Count > 0, TestTimeouts.Step, "the first subscribed frame");
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails naming <paramref name="what"/> and what the client saw.</summary>
    public Task WaitUntilAsync(Func<RecoveringClient, bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken = default) =>
        Log.WaitUntilAsync(() => condition(this), timeout, what, cancellationToken);

    /// <summary>Waits until the client's position reaches <paramref name="offset"/>.</summary>
    public Task WaitForOffsetAsync(long offset, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(c => c.Position.Offset >= offset, timeout, $"offset {offset}", cancellationToken);

    /// <inheritdoc cref="ChannelLog.AssertReceivedExactly"/>
    public void AssertReceivedExactly(IReadOnlyDictionary<long, string> expected, string epoch) => Log.AssertReceivedExactly(expected, epoch);

    /// <inheritdoc cref="ChannelLog.Describe"/>
    public string Describe() => Log.Describe();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var endpoint = 0;
        var failedConnects = 0;
        var connection = 0;
        while (!_stop.IsCancellationRequested)
        {
            using var socket = new ClientWebSocket();
            var uri = ConnectUri(_endpoints[endpoint]);
            TestCredentials.Authorize(socket.Options, uri);
            try
            {
                using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                connectTimeout.CancelAfter(ConnectTimeout);
                await socket.ConnectAsync(uri, connectTimeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or HttpRequestException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }

                Log.Problem($"connect to {uri} failed: {ex.Message}");
                if (!_reconnect || ++failedConnects >= MaxFailedConnects)
                {
                    Log.GiveUp();
                    return;
                }

                endpoint = (endpoint + 1) % _endpoints.Count;
                var backoff = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 50 * Math.Pow(2, failedConnects)));
                await Task.Delay(backoff, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            failedConnects = 0;
            var close = await ReadUntilClosedAsync(socket, ++connection);
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            Log.Closed(close);
            if (!_reconnect)
            {
                return;
            }

            endpoint = (endpoint + 1) % _endpoints.Count;
        }
    }

    private Uri ConnectUri(Uri endpoint)
    {
        var query = $"channel={Uri.EscapeDataString(_channel)}";
        if (Name is not null)
        {
            query += $"&name={Uri.EscapeDataString(Name)}";
        }

        if (Log.ResumeFrom is { } resume)
        {
            query += string.Create(CultureInfo.InvariantCulture, $"&since={resume.Since}&epoch={Uri.EscapeDataString(resume.Epoch)}");
        }

        return new UriBuilder(endpoint) { Query = query }.Uri;
    }

    private async Task<CloseSeen> ReadUntilClosedAsync(ClientWebSocket socket, int connection)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (true)
            {
                buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.GetMemory(16 * 1024), _stop.Token);
                    buffer.Advance(result.Count);
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // Answer the close as a browser does, so the server need not wait out its close timeout.
                    using var answer = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                    answer.CancelAfter(TimeSpan.FromSeconds(2));
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, answer.Token)
                        .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    return new CloseSeen(connection, Replica, socket.CloseStatus, socket.CloseStatusDescription, Aborted: false);
                }

                Log.Frame(buffer.WrittenMemory, connection);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            return new CloseSeen(connection, Replica, socket.CloseStatus, ex.Message, Aborted: true);
        }
    }
}
