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

    /// <summary>Adds the connection; false when this set was retired (emptied) and must be replaced.</summary>
    public bool TryAdd(ClientConnection connection)
    {
        lock (_gate)
        {
            if (_retired)
            {
                return false;
            }

            if (Array.IndexOf(_connections, connection) < 0)
            {
                Volatile.Write(ref _connections, [.. _connections, connection]);
            }

            return true;
        }
    }

    /// <summary>Removes the connection; true when the set became empty and is now retired.</summary>
    public bool RemoveAndRetireIfEmpty(ClientConnection connection)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_connections, connection);
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
