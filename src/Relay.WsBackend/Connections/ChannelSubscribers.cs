namespace Relay.WsBackend.Connections;

/// <summary>
/// The connections following one channel: a copy-on-write array, replaced under a small lock on
/// (un)subscribe and read without any lock by the fan-out, which runs once per message.
/// </summary>
internal sealed class ChannelSubscribers
{
    private readonly Lock _gate = new();
    private ClientConnection[] _connections = [];
    private bool _retired;

    /// <summary>A snapshot the fan-out may iterate while others subscribe and unsubscribe.</summary>
    public ClientConnection[] Snapshot => Volatile.Read(ref _connections);

    /// <summary>
    /// Adds the connection; false when this set was retired (emptied) and must be replaced. <paramref name="added"/>
    /// is false when the connection was already in the set.
    /// </summary>
    public bool TryAdd(ClientConnection connection, out bool added)
    {
        lock (_gate)
        {
            added = false;
            if (_retired)
            {
                return false;
            }

            if (Array.IndexOf(_connections, connection) < 0)
            {
                Volatile.Write(ref _connections, [.. _connections, connection]);
                added = true;
            }

            return true;
        }
    }

    /// <summary>
    /// Removes the connection (<paramref name="removed"/>: it was in the set); true when the set became empty and
    /// is now retired.
    /// </summary>
    public bool RemoveAndRetireIfEmpty(ClientConnection connection, out bool removed)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_connections, connection);
            removed = index >= 0;
            if (index < 0)
            {
                return false;
            }

            if (_connections.Length == 1)
            {
                _retired = true;
                Volatile.Write(ref _connections, []);
                return true;
            }

            var next = new ClientConnection[_connections.Length - 1];
            Array.Copy(_connections, 0, next, 0, index);
            Array.Copy(_connections, index + 1, next, index, next.Length - index);
            Volatile.Write(ref _connections, next);
            return false;
        }
    }
}
