using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Relay.Api.Options;
using Relay.Contracts;

namespace Relay.Api.Security;

/// <summary>
/// Finds the API key a request presents by the SHA-256 of its value: the keys are held only as hashes, and a lookup
/// compares hashes, never the secrets, so its timing says nothing about how much of a guess was right.
/// </summary>
internal sealed class ApiKeyStore
{
    private readonly FrozenDictionary<string, ApiKey>.AlternateLookup<ReadOnlySpan<char>> _byHash;

    public ApiKeyStore(IOptions<ApiKeysOptions> options)
    {
        var byHash = new Dictionary<string, ApiKey>(StringComparer.Ordinal);
        Span<char> hash = stackalloc char[SHA256.HashSizeInBytes * 2];
        foreach (var (id, key) in options.Value.Keys)
        {
            Hash(key.Key, hash);
            byHash[new string(hash)] = new ApiKey(id, [.. key.Channels], key.PermitsPerSecond, key.Burst);
        }

        _byHash = byHash.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The key whose value is <paramref name="presented"/>, or null.</summary>
    public ApiKey? Find(ReadOnlySpan<char> presented)
    {
        if (presented.Length is 0 or > ApiCredentials.MaxApiKeyLength)
        {
            return null;
        }

        Span<char> hash = stackalloc char[SHA256.HashSizeInBytes * 2];
        Hash(presented, hash);
        return _byHash.TryGetValue(hash, out var key) ? key : null;
    }

    private static void Hash(ReadOnlySpan<char> value, Span<char> hex)
    {
        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(ApiCredentials.MaxApiKeyLength)];
        var length = Encoding.UTF8.GetBytes(value, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], hash);
        CryptographicOperations.ZeroMemory(utf8[..length]);
        Convert.TryToHexString(hash, hex, out _);
    }
}
