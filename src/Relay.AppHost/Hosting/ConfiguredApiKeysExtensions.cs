using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Relay.Contracts;

namespace Aspire.Hosting;

/// <summary>
/// Further API keys from the AppHost's configuration (user secrets, the environment, command-line arguments):
/// <c>Relay:ApiKeys:&lt;id&gt;:Key</c>, <c>:Channels:&lt;i&gt;</c>, <c>:PermitsPerSecond</c>, <c>:Burst</c>. Each key becomes
/// a secret parameter (<c>api-key-&lt;id&gt;</c>), so it reaches the Api as a secret file, never as a visible variable;
/// the rest goes as plain environment.
/// </summary>
public static partial class ConfiguredApiKeysExtensions
{
    public const string SectionName = "Relay:ApiKeys";

    // "api-key-" and the id make a parameter's name, at most 64 characters.
    private const int MaxIdLength = 48;

    public static IResourceBuilder<ProjectResource> WithApiKeysFromConfiguration(this IResourceBuilder<ProjectResource> api)
    {
        var builder = api.ApplicationBuilder;
        foreach (var entry in builder.Configuration.GetSection(SectionName).GetChildren())
        {
            var id = entry.Key;
            var prefix = $"{SectionName}:{id}";

            // The id names a parameter resource too, so it keeps to a resource name's alphabet.
            if (id.Length > MaxIdLength || !IdPattern().IsMatch(id))
            {
                throw new DistributedApplicationException($"{prefix}: a key id is letters and digits, with single '-' between them, at most {MaxIdLength} characters.");
            }

            if (string.Equals(id, ResourceNames.Sender, StringComparison.OrdinalIgnoreCase))
            {
                throw new DistributedApplicationException($"{prefix}: '{ResourceNames.Sender}' is the Sender's own key (Parameters:{ResourceNames.ApiKey}); choose another id.");
            }

            if (string.IsNullOrEmpty(entry["Key"]))
            {
                throw new DistributedApplicationException($"{prefix}:Key is required.");
            }

            var key = builder.AddParameterFromConfiguration($"{ResourceNames.ApiKey}-{id.ToLowerInvariant()}", $"{prefix}:Key", secret: true);
            string[] channels = [.. entry.GetSection("Channels").GetChildren().Select(channel => channel.Value ?? "")];
            api.WithApiKey(id, key, channels);
            foreach (var limit in (string[])["PermitsPerSecond", "Burst"])
            {
                if (entry[limit] is { } value)
                {
                    api.WithEnvironment($"ApiKeys__{id}__{limit}", value);
                }
            }
        }

        return api;
    }

    [GeneratedRegex("^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
