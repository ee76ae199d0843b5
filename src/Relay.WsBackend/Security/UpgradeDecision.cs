using Relay.Security;

namespace Relay.WsBackend.Security;

/// <summary>
/// What <see cref="UpgradeAuthorizer"/> decided: a <see cref="Refusal"/>, or the upgrade may go on with the token's
/// <see cref="Grant"/> (null for an anonymous connection).
/// </summary>
internal sealed record UpgradeDecision(ConnectionGrant? Grant, UpgradeRefusal? Refusal);
