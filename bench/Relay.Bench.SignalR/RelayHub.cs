using Microsoft.AspNetCore.SignalR;

namespace Relay.Bench.SignalR;

/// <summary>
/// The hub at <c>/hub</c>: a client follows a channel by joining the SignalR group of that name, and receives its
/// messages as <c>message</c> invocations (<see cref="ChannelMessage"/>).
/// </summary>
internal sealed class RelayHub(InstanceName instance) : Hub
{
    /// <summary>Joins the channel's group; answers the instance's name, as Relay's welcome names its replica.</summary>
    public async Task<string> Join(string channel)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, channel);
        return instance.Value;
    }
}
