namespace Relay.Contracts;

/// <summary>
/// The Redis keys Relay keeps, named once for the Api (which writes history) and WsBackend (which reads it and
/// keeps presence). The channel name is the last part of every per-channel key, as in <see cref="RelayChannels"/>.
/// </summary>
public static class RelayKeys
{
    /// <summary>A channel's history: a Redis Stream whose entry ids are <c>0-&lt;offset&gt;</c>, the envelope in field <see cref="StreamField"/>.</summary>
    public static string Stream(string channel) => "relay:stream:" + channel;

    /// <summary>A channel's position: a hash with fields <see cref="EpochField"/> and <see cref="OffsetField"/> (the last offset given).</summary>
    public static string Meta(string channel) => "relay:meta:" + channel;

    /// <summary>
    /// The first answer given to a publish with this <c>Idempotency-Key</c> under the API key <paramref name="keyId"/>: each
    /// API key has its own keys, so two clients that pick the same key publish two messages. A key id has no <c>:</c>.
    /// </summary>
    public static string Idempotency(string keyId, string key) => "relay:idem:" + keyId + ":" + key;

    /// <summary>Who is online in a channel: a hash of client id → <see cref="PresenceMember"/> JSON.</summary>
    public static string Presence(string channel) => "relay:presence:" + channel;

    /// <summary>The live WsBackend processes: a sorted set of presence replica id → last heartbeat (Redis time, ms).</summary>
    public const string PresenceReplicas = "relay:presence-replicas";

    /// <summary>The channels where one WsBackend process has members: a set, so others can clean up after it.</summary>
    public static string PresenceReplicaChannels(string presenceReplicaId) => "relay:presence-replica:" + presenceReplicaId;

    /// <summary>
    /// The flow figures of one service instance (<c>api</c> or <c>wsbackend</c>): a <see cref="Flow.FlowSnapshot"/>
    /// JSON string, rewritten every <see cref="Flow.FlowLimits.Interval"/> with expiry <see cref="Flow.FlowLimits.Expiry"/>.
    /// <paramref name="node"/> is <see cref="FlowNodeName"/>.
    /// </summary>
    public static string FlowNode(string node) => FlowNodePrefix + node;

    /// <summary>One instance in the flow figures: its member of <see cref="FlowNodes"/> and its key's tail, <c>&lt;service&gt;:&lt;instance id&gt;</c>.</summary>
    public static string FlowNodeName(string service, string instance) => service + ":" + instance;

    /// <summary>The prefix of every <see cref="FlowNode(string)"/> key.</summary>
    public const string FlowNodePrefix = "relay:flow:node:";

    /// <summary>
    /// The index of the flow figures: a sorted set of <see cref="FlowNodeName"/> → when its key expires
    /// (Redis time, ms), so readers find the live ones without SCAN; writers drop the expired members.
    /// </summary>
    public const string FlowNodes = "relay:flow:nodes";

    public const string StreamField = "d";
    public const string EpochField = "epoch";
    public const string OffsetField = "offset";

    /// <summary>The id of the stream entry at <paramref name="offset"/>.</summary>
    public static string StreamId(long offset) => "0-" + offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
