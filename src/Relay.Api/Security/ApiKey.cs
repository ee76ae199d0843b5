using Relay.Contracts;

namespace Relay.Api.Security;

/// <summary>A configured API key, as a request that presented it is known by: its id, never its value.</summary>
internal sealed record ApiKey(string Id, string[] Channels, int PermitsPerSecond, int Burst)
{
    /// <summary>The key's own rate-limit bucket.</summary>
    public string RateLimitPartition { get; } = "key:" + Id;

    public bool Allows(string channel) => ChannelGrants.Allows(Channels, channel);
}
