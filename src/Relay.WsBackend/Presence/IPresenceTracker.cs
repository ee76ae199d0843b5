namespace Relay.WsBackend.Presence;

/// <summary>
/// Keeps the presence of this replica's named connections in Redis, for every replica and the Api to see.
/// </summary>
/// <remarks>
/// Called by the connection runner after a subscribe took effect and when a connection leaves a channel (an
/// unsubscribe, or its end). Never throws and never waits on Redis: the change is applied to this process's own
/// list of members at once and written to Redis by one background writer, in call order. A join or leave that
/// cannot be written while Redis is down is logged (once per outage) and dropped; when Redis is back the whole
/// local list is written again, and the heartbeat's expiry cleans up after a process that dies.
/// <para>
/// Events follow the channel's member list in Redis: a <c>join</c> is published when a member is added to it, a
/// <c>leave</c> when one is removed, each <b>at most once</b> (lost while a replica is cut off from Redis). So a
/// member written again after Redis lost its data, or after this process was taken for dead, is announced with a
/// new join: clients key members by client id. A connection also receives its own join. A second
/// <see cref="Joined"/> for a member already joined, and a <see cref="Left"/> for one that is not, do nothing.
/// </para>
/// </remarks>
internal interface IPresenceTracker
{
    void Joined(string channel, PresenceIdentity who);

    void Left(string channel, PresenceIdentity who);
}

/// <summary>A named connection: its client id (from the welcome frame), its name and when it connected.</summary>
internal sealed record PresenceIdentity(string Client, string Name, DateTimeOffset ConnectedAt);
