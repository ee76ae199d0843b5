namespace Relay.Api.Options;

/// <summary>
/// The limits of requests that come without a valid API key (anonymous, a wrong key, a connection token), per client
/// address, bound from the <c>RateLimits</c> section; each API key has its own (<see cref="ApiKeyOptions"/>). They stop
/// keys from being guessed at speed.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Requests per second per client address, refilled once a second.</summary>
    public int AnonymousPermitsPerSecond { get; set; } = 20;

    /// <summary>The most requests one client address may make at once.</summary>
    public int AnonymousBurst { get; set; } = 40;
}
