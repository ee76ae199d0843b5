namespace Relay.Api.Options;

/// <summary>The API keys that may call the Api, bound from the <c>ApiKeys</c> section: key id → <see cref="ApiKeyOptions"/>.</summary>
public sealed class ApiKeysOptions
{
    public const string SectionName = "ApiKeys";

    /// <summary>By id; ids compare as configuration keys do, ignoring case.</summary>
    public Dictionary<string, ApiKeyOptions> Keys { get; } = new(StringComparer.OrdinalIgnoreCase);
}
