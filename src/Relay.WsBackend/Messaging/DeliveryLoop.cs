using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Relay.WsBackend.Connections;
using Relay.WsBackend.Frames;

namespace Relay.WsBackend.Messaging;

/// <summary>
/// The replica's one ordered delivery loop: pub/sub messages, connection openings, subscribes, unsubscribes,
/// refusals, refreshes, connection ends and resyncs are queued here and handled one at a time, in order, by a single reader. That order is what makes
/// recovery exact: a subscribe handled between two messages replays what came before and gets the rest live.
/// </summary>
/// <remarks>
/// Queueing never blocks (the queue is unbounded; it only grows while a Redis read holds the loop, each bounded by
/// <see cref="HistoryReader.ReadTimeout"/>). A failing item is logged and the loop goes on. Work for a closing
/// connection is skipped, and a connection has at most a few subscribes waiting (<see cref="ClientConnection.TryQueueSubscribe"/>),
/// so one client cannot hold the loop with history reads. After a failed history read the loop resyncs again, backing
/// off, until a whole resync succeeds.
/// </remarks>
internal sealed class DeliveryLoop(
    MessageSequencer sequencer,
    SubscriptionHandler subscriptions,
    TimeProvider timeProvider,
    ILogger<DeliveryLoop> logger) : IDisposable
{
    // StackExchange.Redis restores the link before it re-issues the SUBSCRIBEs: what is published in between
    // reaches nobody, so a second resync a little later repairs it.
    private static readonly TimeSpan s_secondResyncDelay = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan s_firstRetryDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_maxRetryDelay = TimeSpan.FromSeconds(5);

    private readonly Channel<DeliveryWork> _work = Channel.CreateUnbounded<DeliveryWork>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _secondResync;
    private ITimer? _retryResync;

    // Touched by the loop only.
    private TimeSpan _retryDelay = s_firstRetryDelay;
    private bool _retryArmed;
    private Task _reader = Task.CompletedTask;
    private int _resyncQueued;

    public void Start()
    {
        _secondResync = CreateResyncTimer();
        _retryResync = CreateResyncTimer();
        _reader = Task.Run(RunAsync);
    }

    /// <summary>Ends the loop once the queued items are handled; past <paramref name="cancellationToken"/>, at once.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _work.Writer.TryComplete();
        _secondResync?.Dispose();
        _retryResync?.Dispose();
        try
        {
            await _reader.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Log.DeliveryLoopAbandoned(logger);
            await _stopping.CancelAsync();
        }
    }

    /// <summary>A message from pub/sub (the subscriber's handler: it never blocks).</summary>
    public void Publish(string channel, ReadOnlyMemory<byte> payload) => Post(new DeliveryWork.Published(channel, payload));

    /// <summary>
    /// The broker link is back (or moved): resync now, and once more shortly. Requests that come while one waits in
    /// the queue join it (a slot move brings one per <c>MOVED</c>).
    /// </summary>
    public void Resync()
    {
        if (Interlocked.Exchange(ref _resyncQueued, 1) == 0)
        {
            Post(DeliveryWork.Resync.Instance);
        }

        Arm(_secondResync, s_secondResyncDelay);
    }

    public void Open(ClientConnection connection, string[] channels, ClientPosition? since) =>
        Post(new DeliveryWork.Opened(connection, channels, since));

    public void Subscribe(ClientConnection connection, string channel, ClientPosition? since) =>
        Post(new DeliveryWork.Subscribed(connection, channel, since));

    public void Unsubscribe(ClientConnection connection, string channel) =>
        Post(new DeliveryWork.Unsubscribed(connection, channel));

    public void Refuse(ClientConnection connection, string reason) => Post(new DeliveryWork.Refused(connection, reason));

    public void Refreshed(ClientConnection connection, DateTimeOffset expiresAt) => Post(new DeliveryWork.Refreshed(connection, expiresAt));

    public void Close(ClientConnection connection) => Post(new DeliveryWork.Closed(connection));

    public void Dispose()
    {
        _secondResync?.Dispose();
        _retryResync?.Dispose();
        _stopping.Dispose();
    }

    // False only once the loop stopped: the process is ending, and what it would have done no longer matters.
    private void Post(DeliveryWork work) => _work.Writer.TryWrite(work);

    private ITimer CreateResyncTimer() => timeProvider.CreateTimer(
        static state => ((DeliveryLoop)state!).Post(DeliveryWork.Resync.Instance), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    private static void Arm(ITimer? timer, TimeSpan delay)
    {
        try
        {
            timer?.Change(delay, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // The loop stopped: no more resyncs.
        }
    }

    private async Task RunAsync()
    {
        var stopping = _stopping.Token;
        try
        {
            await foreach (var work in _work.Reader.ReadAllAsync(stopping))
            {
                try
                {
                    await HandleAsync(work, stopping);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    Log.DeliveryWorkFailed(logger, work.GetType().Name, ex);
                }

                ArmRetryIfWanted();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped in a hurry: what was still queued is dropped with the process.
        }
    }

    private Task HandleAsync(DeliveryWork work, CancellationToken cancellationToken)
    {
        switch (work)
        {
            case DeliveryWork.Published published:
                return sequencer.OnPublishedAsync(published.Channel, published.Payload, cancellationToken);
            case DeliveryWork.Opened opened when opened.Connection.IsClosing:
                return Task.CompletedTask;
            case DeliveryWork.Opened opened:
                return subscriptions.OpenAsync(opened.Connection, opened.Channels, opened.Since, cancellationToken);
            case DeliveryWork.Subscribed subscribed:
                return SubscribeAsync(subscribed, cancellationToken);
            case DeliveryWork.Unsubscribed unsubscribed:
                subscriptions.Unsubscribe(unsubscribed.Connection, unsubscribed.Channel);
                return Task.CompletedTask;
            case DeliveryWork.Refused refused when refused.Connection.IsClosing:
                return Task.CompletedTask;
            case DeliveryWork.Refused refused:
                refused.Connection.Enqueue(ServerFrames.Error(refused.Reason));
                return Task.CompletedTask;
            case DeliveryWork.Refreshed refreshed when refreshed.Connection.IsClosing:
                return Task.CompletedTask;
            case DeliveryWork.Refreshed refreshed:
                refreshed.Connection.Enqueue(ServerFrames.Refreshed(refreshed.ExpiresAt));
                return Task.CompletedTask;
            case DeliveryWork.Closed closed:
                subscriptions.Close(closed.Connection);
                return Task.CompletedTask;
            case DeliveryWork.Resync:
                return ResyncAsync(cancellationToken);
            default:
                throw new InvalidOperationException($"Unknown delivery work {work.GetType().Name}.");
        }
    }

    private async Task SubscribeAsync(DeliveryWork.Subscribed work, CancellationToken cancellationToken)
    {
        try
        {
            if (!work.Connection.IsClosing)
            {
                await subscriptions.SubscribeAsync(work.Connection, work.Channel, work.Since, cancellationToken);
            }
        }
        finally
        {
            work.Connection.SubscribeHandled();
        }
    }

    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        // This pass is the armed retry (or comes before it): a failure arms the next one.
        _retryArmed = false;
        Volatile.Write(ref _resyncQueued, 0);
        if (await sequencer.ResyncAsync(cancellationToken))
        {
            _retryDelay = s_firstRetryDelay;
        }
    }

    // A history read failed: resync again later, backing off while Redis keeps failing.
    private void ArmRetryIfWanted()
    {
        if (!sequencer.ResyncWanted || _retryArmed)
        {
            return;
        }

        _retryArmed = true;
        Log.ResyncRetryArmed(logger, _retryDelay);
        Arm(_retryResync, _retryDelay);
        _retryDelay = _retryDelay * 2 < s_maxRetryDelay ? _retryDelay * 2 : s_maxRetryDelay;
    }
}
