using System.Net.WebSockets;
using System.Text;
using System.Web;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Relay.Contracts;

namespace Relay.Tests.Infrastructure;

/// <summary>
/// The secrets the test apps run with, given to the AppHost as its parameters (<c>Parameters:api-key</c>,
/// <c>Parameters:connection-token-secret</c>) and further API keys (<c>Relay:ApiKeys:&lt;id&gt;</c>), and connection
/// tokens minted with them.
/// </summary>
public static class TestCredentials
{
    /// <summary>The Sender's key: every channel, public and private.</summary>
    public const string ApiKey = "test-api-key-0123456789abcdefghijklmnopqrstuvwxyzABCDEF";

    public const string TokenSecret = "test-token-secret-0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>A key (id <c>limited</c>) for every public channel, allowed <see cref="LimitedPermitsPerSecond"/> requests a second, as many at once.</summary>
    public const string LimitedKey = "test-limited-key-0123456789abcdefghijklmnopqrstuvwxyzABCDEF";

    public const int LimitedPermitsPerSecond = 5;

    /// <summary>A key (id <c>news-only</c>) for the channels <c>news.*</c> only.</summary>
    public const string NewsOnlyKey = "test-news-only-key-0123456789abcdefghijklmnopqrstuvwxyzABCDEF";

    /// <summary>What a test client's token grants unless a test says otherwise: every channel.</summary>
    public static readonly string[] AllChannels = ["*", RelayChannels.PrivatePrefix + "*"];

    public static string[] AppHostArguments =>
    [
        $"--Parameters:{ResourceNames.ApiKey}={ApiKey}",
        $"--Parameters:{ResourceNames.ConnectionTokenSecret}={TokenSecret}",
        $"--Relay:ApiKeys:limited:Key={LimitedKey}",
        "--Relay:ApiKeys:limited:Channels:0=*",
        $"--Relay:ApiKeys:limited:PermitsPerSecond={LimitedPermitsPerSecond}",
        $"--Relay:ApiKeys:limited:Burst={LimitedPermitsPerSecond}",
        $"--Relay:ApiKeys:news-only:Key={NewsOnlyKey}",
        "--Relay:ApiKeys:news-only:Channels:0=news.*",
    ];

    /// <summary>An HS256 connection token signed with <see cref="TokenSecret"/> (or <paramref name="secret"/>).</summary>
    public static string Token(
        string subject, IReadOnlyList<string>? channels = null, TimeSpan? lifetime = null, string? secret = null,
        IDictionary<string, object>? claims = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(10));
        var all = new Dictionary<string, object> { ["sub"] = subject, ["channels"] = (channels ?? AllChannels).ToArray() };
        foreach (var (name, value) in claims ?? new Dictionary<string, object>())
        {
            all[name] = value;
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            IssuedAt = expires < now ? expires.AddMinutes(-1) : now,
            NotBefore = expires < now ? expires.AddMinutes(-1) : now,
            Expires = expires,
            Claims = all,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret ?? TokenSecret)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>
    /// Gives a WebSocket the token a test client connects with: one for the <c>name</c> of <paramref name="uri"/>'s query
    /// (so presence sees that name), or for a client of no name, granting every channel.
    /// </summary>
    public static void Authorize(ClientWebSocketOptions options, Uri uri) =>
        options.SetRequestHeader("Authorization", "Bearer " + Token(HttpUtility.ParseQueryString(uri.Query)["name"] ?? "test-client"));
}
