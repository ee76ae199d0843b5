namespace Relay.Api.Options;

/// <summary>
/// The limits of requests that come without a valid API key, bound from the <c>RateLimits</c> section (each API key has
/// its own, <see cref="ApiKeyOptions"/>): per token subject for connection tokens (a page's history and presence reads),
/// per client address for the rest (no credential, a wrong key, an invalid token), which stops keys from being guessed
/// at speed.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Requests per second per client address, refilled once a second.</summary>
    public int AnonymousPermitsPerSecond { get; set; } = 20;

    /// <summary>The most requests one client address may make at once.</summary>
    public int AnonymousBurst { get; set; } = 40;

    /// <summary>
    /// Reads per second per connection token subject. Per subject rather than per address: the pages of many people
    /// may share one address (a NAT, an office), and one person's pages share one budget wherever they are.
    /// </summary>
    public int TokenPermitsPerSecond { get; set; } = 50;

    /// <summary>The most reads one token subject may make at once (a page filling a gap reads up to 20 pages).</summary>
    public int TokenBurst { get; set; } = 100;
}
