namespace Relay.Security;

/// <summary>The claims of a connection token (docs/security.md).</summary>
public static class TokenClaims
{
    public const string Subject = "sub";
    public const string Expires = "exp";

    /// <summary>The channel patterns the holder may follow: a JSON array of strings.</summary>
    public const string Channels = "channels";

    /// <summary>The most patterns one token may grant.</summary>
    public const int MaxChannels = 128;

    /// <summary>Longer tokens are refused unread.</summary>
    public const int MaxTokenLength = 8 * 1024;
}
