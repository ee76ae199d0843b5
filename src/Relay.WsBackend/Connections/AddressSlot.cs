namespace Relay.WsBackend.Connections;

/// <summary>The connections one client address holds on this replica; shared by them, so a socket adds no state of its own for it.</summary>
internal sealed class AddressSlot(string address)
{
    public string Address => address;

    /// <summary>Changed only under the tracker's address lock.</summary>
    public int Count { get; set; }
}
