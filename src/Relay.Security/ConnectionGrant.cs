using Relay.Contracts;

namespace Relay.Security;

/// <summary>What a valid connection token grants: who holds it (its <c>sub</c>, the presence name), the channel patterns
/// it may follow (its <c>channels</c>, see <see cref="ChannelGrants"/>) and until when (its <c>exp</c>).</summary>
public sealed record ConnectionGrant(string Subject, string[] Channels, DateTimeOffset ExpiresAt)
{
    public bool Allows(string channel) => ChannelGrants.Allows(Channels, channel);
}
