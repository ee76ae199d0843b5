using Relay.Security;

namespace Relay.WsBackend.Security;

/// <summary>
/// What <see cref="UpgradeAuthorizer"/> decided: a <see cref="Refusal"/>, or the upgrade may go on with the token's
/// <see cref="Grant"/> (null for an anonymous connection), selecting <c>relay.v1</c> when <see cref="OffersProtocol"/>.
/// It holds no token: the endpoint keeps it for the connection's whole life.
/// </summary>
internal sealed record UpgradeDecision(ConnectionGrant? Grant, UpgradeRefusal? Refusal, bool OffersProtocol);
