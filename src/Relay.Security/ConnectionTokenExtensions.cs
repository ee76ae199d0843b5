using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Relay.Security;

public static class ConnectionTokenExtensions
{
    /// <summary>
    /// Binds <see cref="ConnectionTokenOptions"/> (validated at start) and registers <see cref="ConnectionTokenValidator"/>,
    /// <see cref="ConnectionTokenIssuer"/> and the JWKS reader.
    /// </summary>
    public static IHostApplicationBuilder AddConnectionTokens(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConnectionTokenOptions>().BindConfiguration(ConnectionTokenOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectionTokenOptions>, ConnectionTokenOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHttpClient(JwksKeys.HttpClientName);
        builder.Services.AddSingleton<JwksKeys>();
        builder.Services.AddHostedService(services => services.GetRequiredService<JwksKeys>());
        builder.Services.AddSingleton<ConnectionTokenValidator>();
        builder.Services.AddSingleton<ConnectionTokenIssuer>();
        return builder;
    }
}
