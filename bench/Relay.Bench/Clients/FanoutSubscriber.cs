using System.Net.WebSockets;
using Relay.Bench.Measurement;

namespace Relay.Bench.Clients;

/// <summary>
/// One subscriber of the fan-out: it reads every frame, stamps its arrival on <see cref="BenchClock"/>, and keeps
/// which sequence numbers it saw (for lost and duplicate counts) and the latency of those past the warm-up.
/// Everything but <see cref="Received"/> is read only after <see cref="StopAsync"/>: the read loop owns it.
/// Its <see cref="SubscriberProtocol"/> connects it to Relay or a peer and splits each frame into records.
/// </summary>
internal sealed class FanoutSubscriber
{
    private readonly ClientWebSocket _socket;
    private readonly SubscriberProtocol _protocol;
    private readonly CancellationTokenSource _stopKeepAlive = new();
    private readonly ulong[] _seen;
    private readonly long _capacity;
    private readonly long _measuredFrom;
    private long _received;
    private Task _readLoop = Task.CompletedTask;
    private Task _keepAlive = Task.CompletedTask;

    private FanoutSubscriber(ClientWebSocket socket, SubscriberProtocol protocol, string replica, long capacity, long measuredFrom)
    {
        _socket = socket;
        _protocol = protocol;
        Replica = replica;
        _capacity = capacity;
        _measuredFrom = measuredFrom;
        _seen = new ulong[(capacity + 63) / 64];
    }

    /// <summary>The replica that serves this socket (the welcome frame's).</summary>
    public string Replica { get; }

    public LatencyHistogram Latency { get; } = new();

    public long Received => Volatile.Read(ref _received);

    public long Duplicates { get; private set; }

    /// <summary>Frames that were not a bench message (an error frame, say).</summary>
    public long Unexpected { get; private set; }

    public string? Failure { get; private set; }

    /// <param name="capacity">How many sequence numbers the run may publish.</param>
    /// <param name="measuredFrom">The first sequence number past the warm-up.</param>
    public static async Task<FanoutSubscriber> ConnectAsync(Uri uri, SubscriberProtocol protocol, long capacity, long measuredFrom, CancellationToken cancellationToken)
    {
        var (socket, replica) = await protocol.ConnectAsync(uri, cancellationToken);
        var subscriber = new FanoutSubscriber(socket, protocol, replica, capacity, measuredFrom);
        subscriber._readLoop = Task.Run(subscriber.ReadLoopAsync, CancellationToken.None);
        subscriber._keepAlive = Task.Run(() => protocol.KeepAliveAsync(socket, subscriber._stopKeepAlive.Token), CancellationToken.None);
        return subscriber;
    }

    public bool HasSeen(long sequence) => (_seen[sequence >> 6] & (1UL << (int)(sequence & 63))) != 0;

    public async Task StopAsync()
    {
        // The keep-alive sends; it ends before the close does, as a socket takes one sender at a time.
        await _stopKeepAlive.CancelAsync();
        await _keepAlive;
        await WebSocketConnector.CloseAsync(_socket);
        await _readLoop;
        _socket.Dispose();
        _stopKeepAlive.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[_protocol.ReceiveBufferSize];
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                    length += result.Count;
                }
                while (!result.EndOfMessage && length < buffer.Length);

                var arrived = BenchClock.Now;
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (_socket.CloseStatus != WebSocketCloseStatus.NormalClosure)
                    {
                        Failure = $"closed by the server: {_socket.CloseStatus} {_socket.CloseStatusDescription}";
                    }

                    return;
                }

                Record(buffer.AsSpan(0, length), arrived);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Aborted by StopAsync, or the server went away: the latter shows as lost messages.
            if (_socket.State != WebSocketState.Aborted)
            {
                Failure = ex.Message;
            }
        }
    }

    private void Record(ReadOnlySpan<byte> frame, long arrived)
    {
        while (_protocol.TryTakeRecord(ref frame, out var record))
        {
            if (!_protocol.IsControl(record))
            {
                RecordMessage(record, arrived);
            }
        }
    }

    private void RecordMessage(ReadOnlySpan<byte> frame, long arrived)
    {
        if (!MessageStamp.TryRead(frame, out var sequence, out var sent) || sequence < 0 || sequence >= _capacity)
        {
            Unexpected++;
            return;
        }

        ref var word = ref _seen[sequence >> 6];
        var bit = 1UL << (int)(sequence & 63);
        if ((word & bit) != 0)
        {
            Duplicates++;
            return;
        }

        word |= bit;
        Volatile.Write(ref _received, _received + 1);
        if (sequence >= _measuredFrom)
        {
            Latency.Record(BenchClock.Microseconds(sent, arrived));
        }
    }
}
