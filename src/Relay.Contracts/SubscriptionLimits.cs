namespace Relay.Contracts;

/// <summary>The limits of a WebSocket subscription (docs/protocol.md, "Subscribe").</summary>
public static class SubscriptionLimits
{
    /// <summary>The most channels one connection may follow.</summary>
    public const int MaxChannelsPerConnection = 128;
}
