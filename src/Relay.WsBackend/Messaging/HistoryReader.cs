using System.Globalization;
using Microsoft.Extensions.Logging;
using Relay.Contracts;
using StackExchange.Redis;

namespace Relay.WsBackend.Messaging;

/// <summary>
/// Reads a channel's position (its meta hash) and history (its stream) for the delivery loop. Every read fails
/// fast while Redis is disconnected and is bounded by <see cref="ReadTimeout"/>, because the loop waits on it.
/// </summary>
internal sealed class HistoryReader(IConnectionMultiplexer redis, ILogger<HistoryReader> logger)
{
    /// <summary>How long one read may hold the delivery loop (StackExchange.Redis's own timeout is 5 s).</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(2);

    private static readonly RedisValue[] s_metaFields = [RelayKeys.EpochField, RelayKeys.OffsetField, RelayKeys.StartField];

    /// <summary>
    /// The channel's epoch, last offset and the first offset of the epoch (below it, offsets are the previous
    /// epoch's: <see cref="RelayKeys.StartField"/>); (null, 0, 1) for a channel without history.
    /// </summary>
    /// <exception cref="RedisException">Redis is unreachable or failed.</exception>
    /// <exception cref="TimeoutException">Redis did not answer within <see cref="ReadTimeout"/>.</exception>
    public async Task<(string? Epoch, long Offset, long Start)> ReadPositionAsync(string channel, CancellationToken cancellationToken)
    {
        EnsureConnected();
        var values = await redis.GetDatabase().HashGetAsync(RelayKeys.Meta(channel), s_metaFields).WaitAsync(ReadTimeout, cancellationToken);
        if (values[0].IsNullOrEmpty)
        {
            return (null, 0, 1);
        }

        return (values[0].ToString(), values[1].TryParse(out long offset) ? offset : 0, values[2].TryParse(out long start) ? start : 1);
    }

    /// <summary>
    /// How many entries one read asks for: a page of the largest messages (64 KiB of data each) stays well within
    /// <see cref="ReadTimeout"/>, and a reader with a byte budget stops after the page that passes it.
    /// </summary>
    public const int PageSize = 100;

    /// <summary>
    /// The messages at offsets <paramref name="from"/>..<paramref name="to"/> (both included) still in the history,
    /// oldest first, at most <paramref name="count"/>. An entry that cannot be decoded is logged and left out.
    /// </summary>
    /// <exception cref="RedisException">Redis is unreachable or failed.</exception>
    /// <exception cref="TimeoutException">Redis did not answer within <see cref="ReadTimeout"/>.</exception>
    public async Task<HistoryPage> ReadRangeAsync(string channel, long from, long to, int count, CancellationToken cancellationToken)
    {
        EnsureConnected();
        var entries = await redis.GetDatabase()
            .StreamRangeAsync(RelayKeys.Stream(channel), RelayKeys.StreamId(from), RelayKeys.StreamId(to), count)
            .WaitAsync(ReadTimeout, cancellationToken);
        var messages = new List<HistoryEntry>(entries.Length);
        var lastOffset = 0L;
        foreach (var entry in entries)
        {
            var id = entry.Id.ToString();
            var payload = entry[RelayKeys.StreamField];
            if (!TryParseOffset(id, out var offset))
            {
                Log.MalformedHistoryEntry(logger, channel, id, "not an entry the publish script writes");
                continue;
            }

            lastOffset = offset;
            if (payload.IsNull)
            {
                Log.MalformedHistoryEntry(logger, channel, id, "not an entry the publish script writes");
                continue;
            }

            if (EnvelopeDecoder.Decode(((ReadOnlyMemory<byte>)payload).Span, channel, out var reason) is not { } envelope)
            {
                Log.MalformedHistoryEntry(logger, channel, id, reason);
                continue;
            }

            if (envelope.Offset != offset)
            {
                Log.MalformedHistoryEntry(logger, channel, id, $"its envelope says offset {envelope.Offset}");
                continue;
            }

            messages.Add(new HistoryEntry(offset, envelope));
        }

        return new HistoryPage(messages, lastOffset, entries.Length >= count);
    }

    // Without this, a command issued while disconnected waits in StackExchange.Redis's backlog for its full timeout.
    private void EnsureConnected()
    {
        if (!redis.IsConnected)
        {
            throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Redis is unreachable.");
        }
    }

    private static bool TryParseOffset(string id, out long offset)
    {
        offset = 0;
        return id.StartsWith("0-", StringComparison.Ordinal)
            && long.TryParse(id.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out offset)
            && offset > 0;
    }
}
