using Microsoft.Extensions.Options;
using Relay.Contracts;

namespace Relay.Api.Options;

/// <summary>Reports every bad <c>ApiKeys:&lt;id&gt;:*</c> key at start, naming it, and never the key's value.</summary>
internal sealed class ApiKeysOptionsValidator : IValidateOptions<ApiKeysOptions>
{
    private const string Section = ApiKeysOptions.SectionName;
    private const int MaxIdLength = 64;

    public ValidateOptionsResult Validate(string? name, ApiKeysOptions options)
    {
        List<string> errors = [];
        if (options.Keys.Count == 0)
        {
            errors.Add($"Give at least one API key: {Section}:<id>:Key and {Section}:<id>:Channels:0.");
        }

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, key) in options.Keys)
        {
            var prefix = $"{Section}:{id}";
            if (!IsValidId(id))
            {
                errors.Add($"{prefix}: a key id is 1 to {MaxIdLength} letters, digits, '-' or '_'.");
            }

            if (KeyError(key.Key) is { } keyError)
            {
                errors.Add($"{prefix}:{nameof(key.Key)} {keyError}");
            }
            else if (!ids.TryAdd(key.Key!, id))
            {
                errors.Add($"{prefix}:{nameof(key.Key)} is the same key as {Section}:{ids[key.Key!]}:{nameof(key.Key)}: give every client its own.");
            }

            if (key.Channels.Count == 0)
            {
                errors.Add($"{prefix}:{nameof(key.Channels)} must name at least one channel pattern (e.g. {prefix}:{nameof(key.Channels)}:0 = *).");
            }

            for (var i = 0; i < key.Channels.Count; i++)
            {
                if (!ChannelGrants.IsValidPattern(key.Channels[i]))
                {
                    errors.Add($"{prefix}:{nameof(key.Channels)}:{i} ('{key.Channels[i]}') is not a channel pattern: 1 to {ChannelGrants.MaxPatternLength} letters, digits, '_', '.', ':', '-' or '*'.");
                }
            }

            if (key.PermitsPerSecond <= 0)
            {
                errors.Add($"{prefix}:{nameof(key.PermitsPerSecond)} must be positive (was {key.PermitsPerSecond}).");
            }

            if (key.Burst <= 0)
            {
                errors.Add($"{prefix}:{nameof(key.Burst)} must be positive (was {key.Burst}).");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsValidId(string id) =>
        id.Length is > 0 and <= MaxIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    // The key's value is never part of a message: only what is wrong with it.
    private static string? KeyError(string? key) =>
        string.IsNullOrEmpty(key) ? "is required."
        : key.Length < ApiCredentials.MinApiKeyLength ? $"must be at least {ApiCredentials.MinApiKeyLength} characters."
        : key.Length > ApiCredentials.MaxApiKeyLength ? $"must be at most {ApiCredentials.MaxApiKeyLength} characters."
        : key.Any(c => c is < '\x21' or > '\x7E') ? "must be visible ASCII characters only (0x21–0x7E), as it travels in a header."
        : ApiCredentials.LooksLikeToken(key) ? "must not have two dots: a bearer value of that shape is taken for a connection token."
        : null;
}
