namespace Relay.Api.Options;

/// <summary>One API key, bound from <c>ApiKeys:&lt;id&gt;</c>; the id names it in logs, rate limits and idempotency keys.</summary>
public sealed class ApiKeyOptions
{
    public const int DefaultPermitsPerSecond = 20_000;
    public const int DefaultBurst = 20_000;

    /// <summary>The key itself: 32 to 256 visible ASCII characters, not shaped like a JWT. A secret: give it as a secret file.</summary>
    public string? Key { get; set; }

    /// <summary>The channel patterns the key may publish to and read (<see cref="Contracts.ChannelGrants"/>): <c>*</c> covers every public channel, <c>private:*</c> every private one.</summary>
    public List<string> Channels { get; set; } = [];

    /// <summary>The requests per second the key may make, refilled once a second (a token bucket).</summary>
    public int PermitsPerSecond { get; set; } = DefaultPermitsPerSecond;

    /// <summary>The most requests the key may make at once: the bucket's size.</summary>
    public int Burst { get; set; } = DefaultBurst;
}
