using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Relay.Api.Apis;
using Relay.Api.Flow;
using Relay.Api.Messaging;
using Relay.Api.Options;
using Relay.Flow;

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
        services.AddSingleton<ApiMetrics>();
        services.AddOptions<HistoryOptions>().BindConfiguration(HistoryOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HistoryOptions>, HistoryOptionsValidator>();

        // Cheap to build: the Redis multiplexer it needs is connected at host start by AddRedisClient.
        services.AddSingleton<PublishBatcher>();
        services.AddSingleton<IMessagePublisher, RedisMessagePublisher>();
        services.AddSingleton<IChannelHistory, RedisChannelHistory>();

        services.AddSingleton<ApiFlowFigures>();
        services.AddSingleton<IFlowSource>(sp => sp.GetRequiredService<ApiFlowFigures>());
        services.AddSingleton<FlowReader>();
        services.AddHostedService<FlowReporter>();
        return builder;
    }
}
