using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>
/// The keys and secrets the services share (docs/security.md). Every value set here from a secret parameter reaches the
/// service as a secret file (<see cref="SecretFilesExtensions"/>), never as a visible environment variable.
/// </summary>
public static class RelaySecurityExtensions
{
    /// <summary>
    /// A secret parameter, taken from <c>Parameters:{name}</c> when configured (user secrets, the environment) and
    /// otherwise generated for this run: 48 letters and digits, about 285 bits.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddGeneratedSecret(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddParameter(name, new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true);

    /// <summary>Lets the holder of <paramref name="key"/> call the Api on <paramref name="channels"/> (patterns) under the key id <paramref name="id"/>.</summary>
    public static IResourceBuilder<ProjectResource> WithApiKey(
        this IResourceBuilder<ProjectResource> api, string id, IResourceBuilder<ParameterResource> key, params string[] channels)
    {
        api.WithEnvironment($"ApiKeys__{id}__Key", key);
        for (var i = 0; i < channels.Length; i++)
        {
            api.WithEnvironment($"ApiKeys__{id}__Channels__{i}", channels[i]);
        }

        return api;
    }

    /// <summary>The key a client service (the Sender) sends to the Api.</summary>
    public static IResourceBuilder<ProjectResource> WithApiKeyOf(this IResourceBuilder<ProjectResource> client, IResourceBuilder<ParameterResource> key) =>
        client.WithEnvironment("ApiClient__ApiKey", key);

    /// <summary>
    /// The HS256 secret that signs connection tokens (the Receiver mints them; the Api and WsBackend check them), and the
    /// <c>iss</c> and <c>aud</c> they carry and must carry when the AppHost is given <c>Relay:TokenIssuer</c> and
    /// <c>Relay:TokenAudience</c>.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithConnectionTokenSecret(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<ParameterResource> secret)
    {
        var configuration = service.ApplicationBuilder.Configuration;
        if (configuration["Relay:TokenIssuer"] is { Length: > 0 } issuer)
        {
            service.WithEnvironment("ConnectionTokens__Issuer", issuer);
        }

        if (configuration["Relay:TokenAudience"] is { Length: > 0 } audience)
        {
            service.WithEnvironment("ConnectionTokens__Audience", audience);
        }

        return service.WithEnvironment("ConnectionTokens__Secret", secret);
    }

    /// <summary>Browsers may open WebSockets from <paramref name="page"/>'s origin, by its <c>localhost</c> name and by 127.0.0.1.</summary>
    public static IResourceBuilder<ProjectResource> WithAllowedOrigin(this IResourceBuilder<ProjectResource> service, IResourceBuilder<ProjectResource> page)
    {
        var endpoint = page.GetEndpoint("http");
        return service
            .WithEnvironment("WsBackend__AllowedOrigins__0", ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.Scheme)}://localhost:{endpoint.Property(EndpointProperty.Port)}"))
            .WithEnvironment("WsBackend__AllowedOrigins__1", ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.Scheme)}://127.0.0.1:{endpoint.Property(EndpointProperty.Port)}"));
    }
}
