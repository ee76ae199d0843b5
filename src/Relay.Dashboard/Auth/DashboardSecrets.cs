using System.Security.Cryptography;
using System.Text;

namespace Relay.Dashboard.Auth;

/// <summary>
/// The per-run browser token and OTLP API key (generated when not configured), and the session cookie
/// value derived from the token. The cookie is an HMAC of the token under a key that never leaves the
/// process, so it proves a login without storing sessions and without ASP.NET DataProtection.
/// </summary>
internal sealed class DashboardSecrets
{
    private readonly byte[] _browserTokenHash;
    private readonly byte[] _otlpApiKeyHash;
    private readonly byte[] _sessionHash;

    public DashboardSecrets(DashboardOptions options)
    {
        BrowserToken = string.IsNullOrEmpty(options.BrowserToken) ? Generate() : options.BrowserToken;
        OtlpApiKey = string.IsNullOrEmpty(options.OtlpApiKey) ? Generate() : options.OtlpApiKey;
        SessionCookieValue = Convert.ToHexStringLower(
            HMACSHA256.HashData(RandomNumberGenerator.GetBytes(32), Encoding.UTF8.GetBytes(BrowserToken)));
        _browserTokenHash = Hash(BrowserToken);
        _otlpApiKeyHash = Hash(OtlpApiKey);
        _sessionHash = Hash(SessionCookieValue);
    }

    public string BrowserToken { get; }

    public string OtlpApiKey { get; }

    public string SessionCookieValue { get; }

    public bool IsBrowserToken(string? presented) => Matches(presented, _browserTokenHash);

    public bool IsOtlpApiKey(string? presented) => Matches(presented, _otlpApiKeyHash);

    public bool IsSession(string? presented) => Matches(presented, _sessionHash);

    // 128 random bits, hex so it needs no escaping in a URL or a header.
    private static string Generate() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    // Comparing fixed-length hashes in constant time leaks neither the content nor the length of the secret.
    private static bool Matches(string? presented, byte[] expectedHash) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Hash(presented), expectedHash);
}
