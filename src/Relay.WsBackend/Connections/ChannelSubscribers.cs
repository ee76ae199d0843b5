namespace Relay.WsBackend.Connections;

/// <summary>
/// The connections following one channel: an array of slots, changed in place under a small lock on (un)subscribe
/// and read without any lock by the fan-out, which runs once per message.
/// </summary>
/// <remarks>
/// A join fills the next free slot and a leave empties its own, so neither copies the set: 10,000 sockets joining
/// one channel cost a few array doublings, not 10,000 ever-larger copies. A connection never moves while it stays,
/// so a reader that races a join or a leave may or may not see that one connection, but never misses or repeats
/// another. The array is only replaced (copied) when it is full, or when most of its slots are empty; readers of
/// the old one keep a consistent set.
/// </remarks>
internal sealed class ChannelSubscribers
{
    private const int MinCapacity = 4;

    private readonly Lock _gate = new();

    // Where each connection sits in _slots; only used under _gate.
    private readonly Dictionary<ClientConnection, int> _indexes = [];
    private ClientConnection?[] _slots = [];

    // Slots [0, _used) were handed out; those emptied since (_free) are reused before _used grows.
    private int _used;
    private Stack<int>? _free;
    private bool _retired;

    /// <summary>
    /// The slots for the fan-out to iterate while others subscribe and unsubscribe: skip the empty (null) ones.
    /// </summary>
    public ClientConnection?[] Snapshot => Volatile.Read(ref _slots);

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

            if (_indexes.ContainsKey(connection))
            {
                return true;
            }

            if (_free is { } free && free.TryPop(out var index))
            {
                // A slot a leaver emptied: the set does not grow.
                Place(connection, index);
            }
            else
            {
                if (_used == _slots.Length)
                {
                    Resize(Math.Max(MinCapacity, _slots.Length * 2));
                }

                Place(connection, _used++);
            }

            added = true;
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
            removed = _indexes.Remove(connection, out var index);
            if (!removed)
            {
                return false;
            }

            if (_indexes.Count == 0)
            {
                _retired = true;
                _used = 0;
                _free = null;
                Volatile.Write(ref _slots, []);
                return true;
            }

            Volatile.Write(ref _slots[index], null);
            if (_slots.Length > MinCapacity && _indexes.Count <= _slots.Length / 4)
            {
                // Mostly empty: a smaller array, so neither memory nor the fan-out's walk stays at the peak.
                Resize(Math.Max(MinCapacity, _indexes.Count * 2));
            }
            else
            {
                (_free ??= new Stack<int>()).Push(index);
            }

            return false;
        }
    }

    private void Place(ClientConnection connection, int index)
    {
        _indexes[connection] = index;
        Volatile.Write(ref _slots[index], connection);
    }

    // Copies the members, packed at the front, into a new array and publishes it. Under _gate.
    private void Resize(int capacity)
    {
        var next = new ClientConnection?[capacity];
        var count = 0;
        for (var i = 0; i < _used; i++)
        {
            if (_slots[i] is { } connection)
            {
                next[count] = connection;
                _indexes[connection] = count;
                count++;
            }
        }

        _used = count;
        _free = null;
        Volatile.Write(ref _slots, next);
    }
}
