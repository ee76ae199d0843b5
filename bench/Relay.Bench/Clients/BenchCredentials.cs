using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Relay.Contracts;

namespace Relay.Bench.Clients;

/// <summary>
/// The secrets of one bench run, random each time: the API key and the token secret Relay is started with (as its
/// AppHost's parameters), and one connection token for every subscriber. Every stack gets them; the peers ignore them.
/// </summary>
internal static class BenchCredentials
{
    /// <summary>The variable wrk's script reads the key from (bench/peers/wrk/ingest.lua).</summary>
    public const string ApiKeyVariable = "RELAY_BENCH_API_KEY";

    public static string ApiKey { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string TokenSecret { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>A day-long token for every public channel, for a client of no name.</summary>
    public static string Token { get; } = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Expires = DateTime.UtcNow.AddDays(1),
        Claims = new Dictionary<string, object> { ["sub"] = "bench", ["channels"] = new[] { "*" } },
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TokenSecret)), SecurityAlgorithms.HmacSha256),
    });

    public static string[] AppHostArguments =>
        [$"--Parameters:{ResourceNames.ApiKey}={ApiKey}", $"--Parameters:{ResourceNames.ConnectionTokenSecret}={TokenSecret}"];
}
