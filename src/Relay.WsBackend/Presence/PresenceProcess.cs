using System.Security.Cryptography;
using Relay.WsBackend.Identity;

namespace Relay.WsBackend.Presence;

/// <summary>
/// This process as Redis presence knows it. <see cref="Id"/> is <c>&lt;replica&gt;/&lt;8 random hex&gt;</c>: a
/// restarted replica reuses its replica id, and must not be taken for its dead predecessor (whose members the
/// sweep removes) nor have its own members removed with the predecessor's.
/// </summary>
internal sealed record PresenceProcess(string Id, string Replica)
{
    public static PresenceProcess Create(ReplicaIdentity replica) =>
        new($"{replica.Id}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}", replica.Id);
}
