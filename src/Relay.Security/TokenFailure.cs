namespace Relay.Security;

/// <summary>Why a connection token was refused (docs/security.md). Logged by name; the token itself never is.</summary>
public enum TokenFailure
{
    None,
    Missing,
    Malformed,
    BadSignature,
    Expired,
    NotYetValid,
    WrongAudience,
    WrongIssuer,
    BadClaims,
}
