namespace Relay.Security;

/// <summary>
/// How connection tokens (JWTs) are checked and minted, bound from the <c>ConnectionTokens</c> section. Give
/// <see cref="Secret"/> (HS256), <see cref="JwksUrl"/> (RS256/ES256), or both (docs/security.md).
/// </summary>
public sealed class ConnectionTokenOptions
{
    public const string SectionName = "ConnectionTokens";

    /// <summary>The fewest UTF-8 bytes an HS256 secret may have: 256 bits, as RFC 7518 §3.2 asks.</summary>
    public const int MinSecretBytes = 32;

    /// <summary>The HS256 secret shared by whoever mints tokens and whoever checks them. A secret: give it as a secret file, never on a command line.</summary>
    public string? Secret { get; set; }

    /// <summary>A JSON Web Key Set (RFC 7517) whose keys sign RS256 or ES256 tokens, read at start and every <see cref="JwksRefreshInterval"/>.</summary>
    public Uri? JwksUrl { get; set; }

    public TimeSpan JwksRefreshInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>When set, a token must carry this <c>iss</c>; tokens minted here carry it.</summary>
    public string? Issuer { get; set; }

    /// <summary>When set, a token's <c>aud</c> must include this; tokens minted here carry it.</summary>
    public string? Audience { get; set; }

    /// <summary>How far the clocks of minter and checker may disagree on <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the tokens minted here last (the Receiver's page refreshes them before they end).</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(10);
}
