using System.Collections.Concurrent;

namespace Relay.WsBackend.Connections;

/// <summary>
/// Which of this replica's connections follow which channel. A channel nobody follows has no entry. Only the
/// delivery loop changes it; anyone may read it (the presence frames do).
/// </summary>
internal sealed class SubscriptionRegistry
{
    private readonly ConcurrentDictionary<string, ChannelSubscribers> _channels = new(StringComparer.Ordinal);

    public int ChannelCount => _channels.Count;

    /// <summary>The channel's subscribers, for one walk: empty slots (null) are to be skipped.</summary>
    public ClientConnection?[] GetSubscribers(string channel) =>
        _channels.TryGetValue(channel, out var subscribers) ? subscribers.Snapshot : [];

    public bool HasSubscribers(string channel) => _channels.ContainsKey(channel);

    /// <returns>True when the connection was added, false when it already followed the channel.</returns>
    public bool Subscribe(string channel, ClientConnection connection)
    {
        while (true)
        {
            var subscribers = _channels.GetOrAdd(channel, static _ => new ChannelSubscribers());
            if (subscribers.TryAdd(connection, out var added))
            {
                return added;
            }

            // Its last subscriber just left: replace the retired set. Its remover's TryRemove then finds a
            // different value and leaves ours alone.
            _channels.TryUpdate(channel, new ChannelSubscribers(), subscribers);
        }
    }

    /// <returns>True when the connection followed the channel and no longer does.</returns>
    public bool Unsubscribe(string channel, ClientConnection connection)
    {
        if (!_channels.TryGetValue(channel, out var subscribers))
        {
            return false;
        }

        if (subscribers.RemoveAndRetireIfEmpty(connection, out var removed))
        {
            _channels.TryRemove(KeyValuePair.Create(channel, subscribers));
        }

        return removed;
    }
}
