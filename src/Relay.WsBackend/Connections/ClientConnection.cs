using System.Net.WebSockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Relay.Contracts;
using Relay.Security;
using Relay.WsBackend.Presence;
using Relay.WsBackend.Telemetry;

namespace Relay.WsBackend.Connections;

/// <summary>
/// One WebSocket client: the channels it follows, its send queue, bounded in bytes, what its token grants and its
/// client frame allowance.
/// </summary>
/// <remarks>
/// Enqueueing never blocks and never awaits: it appends under a short lock and, when no pump runs, queues one
/// on the thread pool. The pump drains the queue and ends, so an idle connection holds no task and no buffer.
/// Only one pump runs at a time, which keeps frames in order and honours WebSocket's one-send-at-a-time rule.
/// </remarks>
internal sealed class ClientConnection(
    WebSocket socket,
    string client,
    ConnectionGrant? grant,
    string? name,
    DateTimeOffset connectedAt,
    int sendQueueLimitBytes,
    TimeSpan closeTimeout,
    WsBackendMetrics metrics,
    ILogger logger) : IThreadPoolWorkItem
{
    private const int IdleQueueCapacity = 16;

    private readonly Lock _gate = new();
    private Queue<QueuedFrame>? _queue;
    private int _queuedBytes;
    private bool _pumping;
    private bool _closing;
    private int _pendingSubscribes;
    private Task _pump = Task.CompletedTask;
    private Task _close = Task.CompletedTask;
    private Task _receiveLoop = Task.CompletedTask;
    private ConnectionGrant? _grant = grant;

    // Touched by the receive loop only.
    private FrameAllowance _frames = FrameAllowance.Full();

    public WebSocket Socket => socket;

    /// <summary>This connection's id, told to the client in its welcome frame and used for its presence.</summary>
    public string Client => client;

    /// <summary>The presence name from <c>/ws?name=…</c> (its token's <c>sub</c>); null when the connection is not a presence member.</summary>
    public string? Name => name;

    /// <summary>Who this connection is in the presence of its channels; null when it is anonymous.</summary>
    public PresenceIdentity? Presence { get; } = name is null ? null : new PresenceIdentity(client, name, connectedAt);

    /// <summary>
    /// The channels this connection asked to follow (its query, then its subscribe and unsubscribe frames). Written
    /// only by its receive loop; the delivery loop reads it once that loop ended, to leave them all.
    /// </summary>
    public string[] Channels { get; private set; } = [];

    /// <summary>
    /// What the connection's token grants, and until when; null for an anonymous connection. Replaced by a refresh (on
    /// the receive loop), read by the expiry sweep.
    /// </summary>
    public ConnectionGrant? Grant => Volatile.Read(ref _grant);

    /// <summary>A refresh was accepted: the new token's grant, for the same subject.</summary>
    public void Regrant(ConnectionGrant grant) => Volatile.Write(ref _grant, grant);

    /// <summary>Whether the connection may follow <paramref name="channel"/>: its token grants it, or, anonymous, it is public.</summary>
    public bool MayFollow(string channel) => Grant is { } current ? current.Allows(channel) : !RelayChannels.IsPrivate(channel);

    /// <summary>
    /// Takes one client frame from the connection's allowance: <paramref name="burst"/> at most, refilled at
    /// <paramref name="perSecond"/>. Called by the receive loop only.
    /// </summary>
    /// <returns>False when the client sends faster than that.</returns>
    public bool TryTakeFrame(int perSecond, int burst) => _frames.TryTake(perSecond, burst);

    /// <summary>Completes when the receive loop has ended, i.e. the connection is over.</summary>
    public Task Completion => _receiveLoop;

    /// <summary>True once nothing more can be queued: the connection is closing or over, so work for it can be skipped.</summary>
    public bool IsClosing => Volatile.Read(ref _closing);

    /// <summary>
    /// Counts a subscribe handed to the delivery loop, unless <paramref name="max"/> are already waiting there: each
    /// may hold the loop for history reads, so one client cannot queue an unbounded number of them.
    /// </summary>
    /// <returns>False (nothing counted) when the connection already has <paramref name="max"/> subscribes waiting.</returns>
    public bool TryQueueSubscribe(int max)
    {
        if (Interlocked.Increment(ref _pendingSubscribes) <= max)
        {
            return true;
        }

        Interlocked.Decrement(ref _pendingSubscribes);
        return false;
    }

    /// <summary>The delivery loop handled (or skipped) a subscribe counted by <see cref="TryQueueSubscribe"/>.</summary>
    public void SubscribeHandled() => Interlocked.Decrement(ref _pendingSubscribes);

    public bool Follows(string channel) => Array.IndexOf(Channels, channel) >= 0;

    public void Follow(string channel) => Channels = [.. Channels, channel];

    public bool Unfollow(string channel)
    {
        if (!Follows(channel))
        {
            return false;
        }

        Channels = Array.FindAll(Channels, c => !string.Equals(c, channel, StringComparison.Ordinal));
        return true;
    }

    public void AttachReceiveLoop(Task receiveLoop) => _receiveLoop = receiveLoop;

    /// <summary>A short random id: 12 hex digits, unique enough among the connections of every replica.</summary>
    public static string NewClientId()
    {
        Span<byte> random = stackalloc byte[6];
        RandomNumberGenerator.Fill(random);
        return Convert.ToHexStringLower(random);
    }

    /// <summary>Queues a frame that is not a message (welcome, acks, errors).</summary>
    public void Enqueue(ReadOnlyMemory<byte> frame) => Enqueue(new QueuedFrame(frame, 0));

    /// <summary>
    /// Queues a frame. The same bytes may be queued on many connections: they are never written to.
    /// False when the connection is closing, or its queue overflowed and it is now closed as a slow consumer.
    /// </summary>
    public bool Enqueue(QueuedFrame queued)
    {
        var frame = queued.Frame;
        var startPump = false;
        var overflow = false;
        lock (_gate)
        {
            if (_closing)
            {
                return false;
            }

            if (_queuedBytes + frame.Length > sendQueueLimitBytes)
            {
                BeginClose(CloseCodes.SlowConsumer, "slow consumer");
                overflow = true;
            }
            else
            {
                (_queue ??= new Queue<QueuedFrame>()).Enqueue(queued);
                _queuedBytes += frame.Length;
                startPump = !_pumping;
                _pumping = true;
            }
        }

        if (startPump)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
        else if (overflow)
        {
            metrics.SlowConsumerClosed();
            Log.SlowConsumer(logger, sendQueueLimitBytes);
        }

        return !overflow;
    }

    void IThreadPoolWorkItem.Execute() => Volatile.Write(ref _pump, PumpAsync());

    /// <summary>
    /// Sends a close frame and waits for the peer's answer (the receive loop ends), all within the close timeout;
    /// past it the socket is aborted. Idempotent: later calls get the first close.
    /// </summary>
    public Task CloseAsync(WebSocketCloseStatus status, string description)
    {
        lock (_gate)
        {
            if (!_closing)
            {
                BeginClose(status, description);
            }

            return _close;
        }
    }

    /// <summary>Ends the connection at once: its socket failed, or the connection is over.</summary>
    public void Abort()
    {
        lock (_gate)
        {
            StopQueueing();
        }

        if (socket.State != WebSocketState.Closed)
        {
            socket.Abort();
        }
    }

    /// <summary>
    /// Tears the connection down once its receive loop ended: lets a close in progress finish (bounded),
    /// stops sending, and waits for the last pump so the socket is not disposed under a send.
    /// </summary>
    public async Task EndAsync()
    {
        Task close;
        lock (_gate)
        {
            close = _close;
        }

        await WaitBoundedAsync(close);
        Abort();
        await WaitBoundedAsync(Volatile.Read(ref _pump));
        socket.Dispose();
    }

    // Called under _gate. CloseCoreAsync yields first, so no socket work runs under the lock.
    private void BeginClose(WebSocketCloseStatus status, string description)
    {
        StopQueueing();
        _close = CloseCoreAsync(status, description);
    }

    private async Task WaitBoundedAsync(Task task)
    {
        try
        {
            await task.WaitAsync(closeTimeout);
        }
        catch (TimeoutException)
        {
            socket.Abort();
        }
    }

    private void StopQueueing()
    {
        _closing = true;
        _queue = null;
        _queuedBytes = 0;
    }

    private async Task PumpAsync()
    {
        try
        {
            while (TryDequeue(out var queued))
            {
                await socket.SendAsync(queued.Frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                if (queued.IsMessage)
                {
                    metrics.MessageDelivered(queued.PublishedAtUtcTicks);
                }
            }
        }
        catch (Exception ex)
        {
            // The socket is done: aborting it ends the receive loop, whose cleanup leaves every channel.
            Log.SendFailed(logger, ex);
            Abort();
        }
    }

    private bool TryDequeue(out QueuedFrame queued)
    {
        lock (_gate)
        {
            if (!_closing && _queue is not null && _queue.TryDequeue(out queued))
            {
                _queuedBytes -= queued.Frame.Length;
                return true;
            }

            _pumping = false;
            if (_queue is not null && _queue.EnsureCapacity(0) > IdleQueueCapacity)
            {
                // A burst grew the queue's array: let an idle connection give it back rather than keep it forever.
                _queue = null;
            }

            queued = default;
            return false;
        }
    }

    private async Task CloseCoreAsync(WebSocketCloseStatus status, string description)
    {
        await Task.Yield();
        using var timeout = new CancellationTokenSource(closeTimeout);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                // A cancelled close aborts the socket: a peer that stopped reading cannot hold it open.
                await socket.CloseOutputAsync(status, description, timeout.Token);
            }

            if (socket.State != WebSocketState.Closed)
            {
                await _receiveLoop.WaitAsync(timeout.Token);
            }
        }
        catch (Exception ex)
        {
            Log.CloseFailed(logger, (int)status, ex);
            socket.Abort();
        }
    }
}
