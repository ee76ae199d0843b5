namespace Relay.Contracts;

/// <summary>
/// How Relay channels map onto Redis pub/sub channels: in the channel's slot (<see cref="RelayKeys.ChannelPrefix"/>),
/// so they are published with <c>SPUBLISH</c> and followed with <c>SSUBSCRIBE</c> on the shard that owns the channel
/// wherever Redis has sharded pub/sub (7.0 and later), and with classic <c>PUBLISH</c>/<c>SUBSCRIBE</c> elsewhere.
/// </summary>
public static class RelayChannels
{
    /// <summary>
    /// Channels whose name starts with this are private: following one, or reading its history or presence, always needs
    /// a grant that names the private namespace (<see cref="ChannelGrants"/>), never only a token-less or wildcard one.
    /// </summary>
    public const string PrivatePrefix = "private:";

    public static bool IsPrivate(string channel) => channel.StartsWith(PrivatePrefix, StringComparison.Ordinal);

    /// <summary>The private channel of one person (<c>private:alice</c>), or null when the name cannot be part of a channel name.</summary>
    public static string? PrivateOf(string name) => ChannelName.IsValid(PrivatePrefix + name) ? PrivatePrefix + name : null;

    /// <summary>The channel a client follows when it names none.</summary>
    public const string Default = "general";

    /// <summary>The Redis channel of <paramref name="channel"/>'s messages: <c>relay:{&lt;channel&gt;}:messages</c>.</summary>
    public static string ToRedis(string channel) => RelayKeys.ChannelPrefix(channel) + "messages";

    /// <summary>The Redis channel of <paramref name="channel"/>'s joins and leaves: <c>relay:{&lt;channel&gt;}:presence-events</c>.</summary>
    public static string ToPresenceRedis(string channel) => RelayKeys.ChannelPrefix(channel) + "presence-events";
}
