using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Relay.Tests.Infrastructure;

/// <summary>
/// Publishes <c>count</c> numbered texts to one channel at a steady rate from a few concurrent workers, as a busy
/// publisher does (so publish order and offset order may differ a little: offsets define the order). With
/// idempotency keys, each message has its own key and a try that may have failed (503, 504, no answer) is retried
/// with the same key, with a bounded backoff; without keys, anything but a 202 fails the run.
/// </summary>
internal sealed class SteadyPublisher(HttpClient api, string channel, int count, int perSecond)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1);

    private readonly string _run = Guid.NewGuid().ToString("N")[..12];
    private readonly Lock _lock = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private readonly List<string> _failures = [];
    private int _next = -1;
    private int _acknowledged;

    public int Workers { get; init; } = 8;

    public bool WithIdempotencyKeys { get; init; }

    /// <summary>Appended to every text (after a space), to make the messages as large as a test needs.</summary>
    public string Padding { get; init; } = "";

    /// <summary>How long one message may be retried before the run fails.</summary>
    public TimeSpan RetryFor { get; init; } = TimeSpan.FromSeconds(30);

    public int Acknowledged => Volatile.Read(ref _acknowledged);

    /// <summary>Completes once <paramref name="acknowledged"/> messages got their 202 (or the run ended).</summary>
    public Task WhenAcknowledged(int acknowledged)
    {
        lock (_lock)
        {
            if (_acknowledged >= acknowledged)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((acknowledged, reached));
            return reached.Task;
        }
    }

    /// <summary>Publishes every message; returns the acknowledgements ordered by message number, or fails naming what could not be published.</summary>
    public async Task<IReadOnlyList<PublishAck>> RunAsync()
    {
        var acks = new PublishAck?[count];
        var started = Stopwatch.StartNew();
        try
        {
            await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(() => WorkAsync(acks, started))));
        }
        finally
        {
            lock (_lock)
            {
                foreach (var (_, reached) in _waiters)
                {
                    reached.TrySetResult();
                }
            }
        }

        Assert.True(_failures.Count == 0, $"{_failures.Count} of {count} messages were not published; first: {string.Join(" | ", _failures.Take(5))}");
        return [.. acks.Select(a => a!)];
    }

    /// <summary>Sends a published message again, same body and key: the Api's answer (a replay should repeat the first one).</summary>
    public async Task<ApiAnswer> RepostAsync(PublishAck ack) =>
        await RelayApi.PostAsync(api, Body(ack.Text), ack.IdempotencyKey);

    private async Task WorkAsync(PublishAck?[] acks, Stopwatch started)
    {
        var period = TimeSpan.FromSeconds(1.0 / perSecond);
        int index;
        while ((index = Interlocked.Increment(ref _next)) < count)
        {
            var due = period * index - started.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            var ack = await PublishOneAsync(index);
            if (ack is null)
            {
                continue;
            }

            acks[index] = ack;
            OnAcknowledged();
        }
    }

    private async Task<PublishAck?> PublishOneAsync(int index)
    {
        var number = string.Create(CultureInfo.InvariantCulture, $"{_run}-{index:D5}");
        var text = Padding.Length == 0 ? number : $"{number} {Padding}";
        var key = WithIdempotencyKeys ? number : null;
        var attempts = new List<string>();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            string outcome;
            try
            {
                var answer = await RelayApi.PostAsync(api, Body(text), key);
                if (answer.Status == HttpStatusCode.Accepted)
                {
                    attempts.Add("202");
                    return new PublishAck(index, text, key, PublishedMessage.From(answer.Body), answer.Replayed == "true", attempts);
                }

                outcome = ((int)answer.Status).ToString(CultureInfo.InvariantCulture);
                if (key is null || answer.Status is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout))
                {
                    return Fail(index, attempts, $"{outcome}: {answer.Text}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                outcome = "network";
                if (key is null)
                {
                    return Fail(index, attempts, $"{ex.GetType().Name}: {ex.Message}");
                }
            }

            attempts.Add(outcome);
            if (deadline.Elapsed > RetryFor)
            {
                return Fail(index, attempts, $"still failing after {RetryFor.TotalSeconds} s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 50 * Math.Pow(2, attempts.Count))));
        }
    }

    private PublishAck? Fail(int index, List<string> attempts, string why)
    {
        lock (_lock)
        {
            _failures.Add($"#{index} after [{string.Join(" ", attempts)}]: {why}");
        }

        return null;
    }

    private void OnAcknowledged()
    {
        lock (_lock)
        {
            _acknowledged++;
            foreach (var (_, reached) in _waiters.Where(w => w.Count <= _acknowledged))
            {
                reached.TrySetResult();
            }
        }
    }

    private object Body(string text) => new { channel, sender = "faults", text };
}
