using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

/// <summary>Lets the person who starts the AppHost choose the services' trace sampler.</summary>
public static class TraceSamplingExtensions
{
    public const string SamplerVariable = "OTEL_TRACES_SAMPLER";
    public const string SamplerArgumentVariable = "OTEL_TRACES_SAMPLER_ARG";

    /// <summary>
    /// In Development Aspire gives every project <c>OTEL_TRACES_SAMPLER=always_on</c>, so the dashboard shows each
    /// message's trace. When the AppHost's own configuration names a sampler (<c>OTEL_TRACES_SAMPLER</c> and
    /// <c>OTEL_TRACES_SAMPLER_ARG</c>, as environment variables or settings), every project gets that one instead, e.g.
    /// <c>OTEL_TRACES_SAMPLER=parentbased_traceidratio OTEL_TRACES_SAMPLER_ARG=0.01 scripts/run</c> traces one message
    /// in a hundred, whole (WsBackend follows the Api's decision through the envelope's traceparent).
    /// </summary>
    public static IDistributedApplicationBuilder WithTraceSamplerFromConfiguration(this IDistributedApplicationBuilder builder)
    {
        var sampler = builder.Configuration[SamplerVariable];
        if (string.IsNullOrWhiteSpace(sampler))
        {
            return builder;
        }

        var argument = builder.Configuration[SamplerArgumentVariable];
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            // Added after Aspire's OTLP callback, so it runs later and its values win.
            foreach (var project in @event.Model.Resources.OfType<ProjectResource>())
            {
                project.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
                {
                    context.EnvironmentVariables[SamplerVariable] = sampler;
                    if (!string.IsNullOrWhiteSpace(argument))
                    {
                        context.EnvironmentVariables[SamplerArgumentVariable] = argument;
                    }
                }));
            }

            return Task.CompletedTask;
        });
        return builder;
    }
}
