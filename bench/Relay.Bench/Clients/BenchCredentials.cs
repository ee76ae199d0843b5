using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Relay.Contracts;
using Relay.Security;

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

    /// <summary>A day-long token for every public channel, for a client of no name, minted as an app's server would.</summary>
    public static string Token { get; } = new ConnectionTokenIssuer(
            Options.Create(new ConnectionTokenOptions { Secret = TokenSecret, Lifetime = TimeSpan.FromDays(1) }), TimeProvider.System)
        .Issue("bench", ["*"]).Token;

    public static string[] AppHostArguments =>
        [$"--Parameters:{ResourceNames.ApiKey}={ApiKey}", $"--Parameters:{ResourceNames.ConnectionTokenSecret}={TokenSecret}"];
}
