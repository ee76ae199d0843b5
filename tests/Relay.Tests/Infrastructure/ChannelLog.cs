using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Relay.Tests.Infrastructure;

/// <summary>
/// What a <see cref="RecoveringClient"/> saw of its channel over all its connections: every message, subscribed,
/// presence and error frame and every close, in order, and the position it resumes from. Thread-safe; each change
/// wakes whoever waits on it.
/// </summary>
public sealed class ChannelLog(string channel, string? name)
{
    private readonly Lock _lock = new();
    private readonly List<ReceivedMessage> _messages = [];
    private readonly List<SubscribedSeen> _subscribed = [];
    private readonly List<CloseSeen> _closes = [];
    private readonly List<PresenceSeen> _presence = [];
    private readonly List<string> _problems = [];
    private TaskCompletionSource _changed = NewSignal();
    private long _sequence;
    private int _connection;
    private long _offset;
    private string? _epoch;
    private bool _gaveUp;

    /// <summary>The replica of the current (or last) connection, from its welcome frame.</summary>
    public string Replica { get; private set; } = "";

    /// <summary>The client id of the current (or last) connection, from its welcome frame.</summary>
    public string Client { get; private set; } = "";

    /// <summary>The last offset got (from a message, or a subscribed frame that starts live delivery) and its epoch.</summary>
    public (long Offset, string? Epoch) Position
    {
        get
        {
            lock (_lock)
            {
                return (_offset, _epoch);
            }
        }
    }

    /// <summary>Where to resume with <c>since</c>; null while the channel never had a message (there is no epoch to name).</summary>
    public (long Since, string Epoch)? ResumeFrom
    {
        get
        {
            lock (_lock)
            {
                return _epoch is null ? null : (_offset, _epoch);
            }
        }
    }

    public bool GaveUp => Volatile.Read(ref _gaveUp);

    public IReadOnlyList<ReceivedMessage> Messages => Snapshot(_messages);

    public IReadOnlyList<SubscribedSeen> Subscribed => Snapshot(_subscribed);

    public IReadOnlyList<CloseSeen> Closes => Snapshot(_closes);

    public IReadOnlyList<PresenceSeen> Presence => Snapshot(_presence);

    /// <summary>Error frames, frames that were not JSON, and failed connects, in order.</summary>
    public IReadOnlyList<string> Problems => Snapshot(_problems);

    /// <summary>Records one frame of connection number <paramref name="connection"/>.</summary>
    public void Frame(ReadOnlyMemory<byte> bytes, int connection)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            Problem($"#{connection}: a frame that is not JSON ({ex.Message})");
            return;
        }

        using (document)
        {
            var frame = document.RootElement;
            Change(() =>
            {
                _connection = connection;
                switch (frame.Type())
                {
                    case "welcome":
                        Replica = frame.GetProperty("replica").GetString() ?? "";
                        Client = frame.TryGetProperty("client", out var client) ? client.GetString() ?? "" : "";
                        break;
                    case "subscribed" when frame.IsOn("subscribed", channel):
                        OnSubscribed(frame, connection);
                        break;
                    case "message" when frame.IsOn("message", channel):
                        OnMessage(frame, connection, receivedAt);
                        break;
                    case "join" or "leave" when frame.IsOn(frame.Type()!, channel):
                        _presence.Add(new PresenceSeen(
                            frame.Type()!, frame.GetProperty("client").GetString()!, frame.GetProperty("name").GetString()!,
                            frame.GetProperty("replica").GetString()!, receivedAt));
                        break;
                    case "error":
                        _problems.Add($"#{connection} error frame: {frame}");
                        break;
                }
            });
        }
    }

    public void Closed(CloseSeen close) => Change(() => _closes.Add(close));

    public void Problem(string problem) => Change(() => _problems.Add(problem));

    public void GiveUp() => Change(() => _gaveUp = true);

    /// <summary>Waits until <paramref name="condition"/> holds; fails naming <paramref name="what"/> and what was seen.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                changed = _changed.Task;
            }

            if (condition())
            {
                return;
            }

            var remaining = timeout - watch.Elapsed;
            Assert.False(GaveUp, $"{Describe()} gave up reconnecting while waiting for {what}.");
            Assert.True(remaining > TimeSpan.Zero, $"{Describe()} did not see {what} within {timeout.TotalSeconds} s.");
            cancellationToken.ThrowIfCancellationRequested();
            await changed.WaitAsync(remaining, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// Asserts that the message frames were exactly <paramref name="expected"/>'s offsets in increasing order, each
    /// once, all of <paramref name="epoch"/>, and that each carried the id published at its offset.
    /// </summary>
    public void AssertReceivedExactly(IReadOnlyDictionary<long, string> expected, string epoch)
    {
        var messages = Messages;
        var offsets = messages.Select(m => m.Offset).ToList();
        var wanted = expected.Keys.Order().ToList();
        Assert.True(offsets.SequenceEqual(wanted),
            $"{Describe()} received offsets {OffsetRuns.Describe(offsets)}; expected {OffsetRuns.Describe(wanted)}. {OffsetRuns.Defects(offsets, wanted)}");
        Assert.All(messages, m => Assert.Equal(epoch, m.Epoch));
        Assert.All(messages, m => Assert.True(expected[m.Offset] == m.Id, $"Offset {m.Offset} carried id {m.Id}, the Api gave it {expected[m.Offset]}."));
    }

    /// <summary>A line for failure messages: where the client is and what happened to it.</summary>
    public string Describe()
    {
        lock (_lock)
        {
            var closes = string.Join("; ", _closes.Select(c =>
                $"#{c.Connection} {c.Replica} {(c.Aborted ? "aborted" : ((int?)c.Status)?.ToString(CultureInfo.InvariantCulture))} {c.Reason}"));
            var subscribed = string.Join("; ", _subscribed.Select(s =>
                $"#{s.Connection} {s.Replica} {s.Offset}@{s.Epoch} recovered={s.Recovered?.ToString() ?? "-"}"));
            return $"Client {name ?? Client} on {Replica} (connection #{_connection}, position {_offset}@{_epoch}, {_messages.Count} messages; " +
                $"subscribed: [{subscribed}]; closes: [{closes}]; problems: [{string.Join("; ", _problems.TakeLast(5))}])";
        }
    }

    // Called under the lock.
    private void OnSubscribed(JsonElement frame, int connection)
    {
        var seen = new SubscribedSeen(++_sequence, connection, Replica, frame.Offset(), frame.Epoch(), frame.Recovered());

        // With recovered:true the replay follows and moves the position; otherwise live delivery starts at this offset.
        if (seen.Recovered is not true)
        {
            (_offset, _epoch) = (seen.Offset, seen.Epoch);
        }

        _subscribed.Add(seen);
    }

    // Called under the lock.
    private void OnMessage(JsonElement frame, int connection, DateTimeOffset receivedAt)
    {
        var message = new ReceivedMessage(
            ++_sequence, connection, Replica, frame.Offset(), frame.Epoch(), frame.GetProperty("id").GetString()!, frame.Text(),
            frame.GetProperty("publishedAt").GetDateTimeOffset(), receivedAt);
        _offset = message.Epoch == _epoch ? Math.Max(_offset, message.Offset) : message.Offset;
        _epoch = message.Epoch;
        _messages.Add(message);
    }

    private void Change(Action change)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            change();
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    private List<T> Snapshot<T>(List<T> list)
    {
        lock (_lock)
        {
            return [.. list];
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
