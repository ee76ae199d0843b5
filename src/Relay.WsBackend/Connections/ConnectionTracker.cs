using System.Collections.Concurrent;
using System.Net.WebSockets;

namespace Relay.WsBackend.Connections;

/// <summary>
/// Every live connection of this replica, so shutdown can close them all and the expiry sweep can visit them, and how
/// many each client address holds.
/// </summary>
internal sealed class ConnectionTracker
{
    private readonly ConcurrentDictionary<ClientConnection, byte> _connections = new();
    private readonly Dictionary<string, AddressSlot> _addresses = new(StringComparer.Ordinal);
    private readonly Lock _addressGate = new();
    private volatile bool _stopping;

    public int Count => _connections.Count;

    /// <summary>The live connections, enumerated without a snapshot (a connection added or removed meanwhile may or may not be seen).</summary>
    public IEnumerable<ClientConnection> Connections
    {
        get
        {
            foreach (var (connection, _) in _connections)
            {
                yield return connection;
            }
        }
    }

    /// <summary>
    /// Counts one more connection of <paramref name="address"/>, unless it already holds <paramref name="max"/>. Taken
    /// before the upgrade and given back (<see cref="ReleaseAddress"/>) when the request ends, so a refused client never
    /// holds a socket.
    /// </summary>
    /// <returns>The address's slot, or null when it holds its maximum.</returns>
    public AddressSlot? TryReserveAddress(string address, int max)
    {
        lock (_addressGate)
        {
            if (!_addresses.TryGetValue(address, out var slot))
            {
                slot = new AddressSlot(address);
                _addresses.Add(address, slot);
            }

            if (slot.Count >= max)
            {
                return null;
            }

            slot.Count++;
            return slot;
        }
    }

    public void ReleaseAddress(AddressSlot slot)
    {
        lock (_addressGate)
        {
            if (--slot.Count == 0)
            {
                _addresses.Remove(slot.Address);
            }
        }
    }

    /// <summary>True once shutdown began: new upgrades are refused (503), and one racing past the check gets 1012.</summary>
    public bool IsStopping => _stopping;

    /// <summary>False once shutdown began: the caller closes the new connection with 1012 instead.</summary>
    public bool TryAdd(ClientConnection connection)
    {
        _connections.TryAdd(connection, 0);
        if (_stopping)
        {
            _connections.TryRemove(connection, out _);
            return false;
        }

        return true;
    }

    public void Remove(ClientConnection connection) => _connections.TryRemove(connection, out _);

    /// <summary>Closes every connection and waits, at most <paramref name="timeout"/>, for them to end.</summary>
    /// <returns>How many connections were still open when the wait ended.</returns>
    public async Task<int> CloseAllAsync(WebSocketCloseStatus status, string description, TimeSpan timeout)
    {
        _stopping = true;
        var connections = _connections.Keys.ToArray();
        foreach (var connection in connections)
        {
            _ = connection.CloseAsync(status, description);
        }

        try
        {
            await Task.WhenAll(connections.Select(c => c.Completion)).WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            // Reported through the count below; the host's own shutdown aborts what is left.
        }

        return connections.Count(c => !c.Completion.IsCompleted);
    }
}
