using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Relay.Api.Options;
using Relay.Security;

namespace Relay.Api.Security;

internal static class SecurityServiceExtensions
{
    /// <summary>
    /// API keys (<c>ApiKeys</c>) and connection tokens (<c>ConnectionTokens</c>), the publish and read policies, the
    /// per-caller rate limits (<c>RateLimits</c>), and the client address from <c>X-Forwarded-For</c>.
    /// </summary>
    public static IHostApplicationBuilder AddApiSecurity(this IHostApplicationBuilder builder)
    {
        builder.AddConnectionTokens();
        var services = builder.Services;

        // Bound by hand: the section is the dictionary itself (ApiKeys:<id>:Key).
        services.AddOptions<ApiKeysOptions>()
            .Configure<IConfiguration>((options, configuration) => configuration.GetSection(ApiKeysOptions.SectionName).Bind(options.Keys))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiKeysOptions>, ApiKeysOptionsValidator>();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<ChannelAccess>();

        services.AddAuthentication(RelayAuth.Scheme)
            .AddPolicyScheme(RelayAuth.Scheme, "API key or connection token", options => options.ForwardDefaultSelector = RelayAuth.SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(RelayAuth.ApiKeyScheme, configureOptions: null)
            .AddScheme<AuthenticationSchemeOptions, ConnectionTokenAuthenticationHandler>(RelayAuth.ConnectionTokenScheme, configureOptions: null);
        services.AddAuthorizationBuilder()
            .AddPolicy(RelayAuth.PublishPolicy, policy => policy.RequireAssertion(context => context.User.Identity is CallerIdentity { Key: not null }))
            .AddPolicy(RelayAuth.ReadPolicy, policy => policy.RequireAuthenticatedUser());

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = CallerRateLimits.OnRejectedAsync;
            options.AddPolicy(RelayAuth.RateLimitPolicy, CallerRateLimits.Partition);
        });

        // The client address a rate limit counts by: X-Forwarded-For is believed only from the default known proxies,
        // loopback (a reverse proxy on the same host, the Receiver's proxy, the tests); from anyone else it is ignored,
        // or every client could pick its own address. Behind a proxy on another host, add it to KnownProxies.
        services.Configure<ForwardedHeadersOptions>(options => options.ForwardedHeaders = ForwardedHeaders.XForwardedFor);
        return builder;
    }

    /// <summary>
    /// Authentication, then the rate limits (which need to know the caller's key), then authorization. Only the
    /// publish, history and presence endpoints require credentials and are limited; health, <c>/openapi/v1.json</c>,
    /// the flow page and <c>/api/flow</c> stay anonymous and unlimited: they show no message content.
    /// </summary>
    public static WebApplication UseApiSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}
