using System.Security.Cryptography;
using Relay.WsBackend.Identity;

namespace Relay.WsBackend.Presence;

/// <summary>
/// This process as Redis presence knows it. <see cref="Id"/> is <c>&lt;replica&gt;/&lt;8 random hex&gt;</c>: a
/// restarted replica reuses its replica id, and must not be taken for its dead predecessor (whose members the
/// sweep removes) nor have its own members removed with the predecessor's. For the same reason the process takes a
/// new id (<see cref="Renew"/>) when Redis forgot it: a sweep of the old id still under way removes only that id's
/// members, never the ones written again under the new.
/// </summary>
internal sealed class PresenceProcess(string replica)
{
    private volatile string _id = NewId(replica);

    public string Replica { get; } = replica;

    public string Id => _id;

    public static PresenceProcess Create(ReplicaIdentity replica) => new(replica.Id);

    /// <summary>Takes a new id (only <see cref="PresenceRegistration.Renew"/> does).</summary>
    public string Renew() => _id = NewId(Replica);

    private static string NewId(string replica) => $"{replica}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}
