namespace Relay.Security;

/// <summary>The outcome of checking a connection token: a <see cref="Grant"/>, or a <see cref="Failure"/> with a reason safe to show the client.</summary>
public sealed record TokenCheck(ConnectionGrant? Grant, TokenFailure Failure, string Reason)
{
    public static TokenCheck Refused(TokenFailure failure, string reason) => new(null, failure, reason);
}
