using System.Collections.Concurrent;

namespace Relay.WsBackend.Connections;

/// <summary>Which of this replica's connections follow which channel. A channel nobody follows has no entry.</summary>
internal sealed class SubscriptionRegistry
{
    private readonly ConcurrentDictionary<string, ChannelSubscribers> _channels = new(StringComparer.Ordinal);

    public int ChannelCount => _channels.Count;

    public ClientConnection[] GetSubscribers(string channel) =>
        _channels.TryGetValue(channel, out var subscribers) ? subscribers.Snapshot : [];

    public void Subscribe(string channel, ClientConnection connection)
    {
        while (true)
        {
            var subscribers = _channels.GetOrAdd(channel, static _ => new ChannelSubscribers());
            if (subscribers.TryAdd(connection))
            {
                return;
            }

            // Its last subscriber just left: replace the retired set. Its remover's TryRemove then finds a
            // different value and leaves ours alone.
            _channels.TryUpdate(channel, new ChannelSubscribers(), subscribers);
        }
    }

    public void Unsubscribe(string channel, ClientConnection connection)
    {
        if (_channels.TryGetValue(channel, out var subscribers) && subscribers.RemoveAndRetireIfEmpty(connection))
        {
            _channels.TryRemove(KeyValuePair.Create(channel, subscribers));
        }
    }

    public void UnsubscribeAll(ClientConnection connection)
    {
        foreach (var channel in connection.Channels)
        {
            Unsubscribe(channel, connection);
        }
    }
}
