using Microsoft.Extensions.DependencyInjection.Extensions;
using Relay.Api.Apis;
using Relay.Api.Messaging;

namespace Relay.Api.Extensions;

internal static class ApiServiceExtensions
{
    public static IHostApplicationBuilder AddApiServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddProblemDetails();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        services.TryAddSingleton(TimeProvider.System);

        // Built while the host starts, so the Redis multiplexer connects then, not synchronously inside the
        // first requests: a burst of those would block thread-pool threads until the connect timed out.
        services.AddActivatedSingleton<IMessagePublisher, RedisMessagePublisher>();
        return builder;
    }
}
