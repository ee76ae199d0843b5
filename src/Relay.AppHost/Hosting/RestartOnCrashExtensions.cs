using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aspire.Hosting;

/// <summary>Restart on crash, which Aspire does not do by itself (microsoft/aspire #1708, #5003).</summary>
public static class RestartOnCrashExtensions
{
    public const string FirstDelayKey = "Relay:RestartBackoffSeconds";
    public const string MaxDelayKey = "Relay:RestartBackoffMaxSeconds";
    public const string MaxInARowKey = "Relay:MaxRestartsInARow";

    /// <summary>The resource property, shown in the dashboard, that counts a replica's restarts after crashes.</summary>
    public const string RestartsProperty = "relay.restarts";

    /// <summary>
    /// Restarts the resource's processes (each replica on its own) when they exit and nobody asked them to: a Stop or
    /// Restart from the dashboard, or from <c>ResourceCommandService</c>, is not a crash. Backoff 1 s, 2 s, 4 s … up to
    /// 30 s, at most 10 in a row (<c>Relay:RestartBackoffSeconds</c>, <c>Relay:RestartBackoffMaxSeconds</c>,
    /// <c>Relay:MaxRestartsInARow</c>; 0 turns it off). Run mode only.
    /// </summary>
    public static IResourceBuilder<T> WithRestartOnCrash<T>(this IResourceBuilder<T> builder) where T : IResource
    {
        var configuration = builder.ApplicationBuilder.Configuration;
        var annotation = new RestartOnCrashAnnotation(
            TimeSpan.FromSeconds(configuration.GetValue(FirstDelayKey, 1.0)),
            TimeSpan.FromSeconds(configuration.GetValue(MaxDelayKey, 30.0)),
            configuration.GetValue(MaxInARowKey, 10),
            StableAfter: TimeSpan.FromSeconds(60));
        if (annotation.FirstDelay <= TimeSpan.Zero || annotation.MaxDelay < annotation.FirstDelay || annotation.MaxInARow < 0)
        {
            throw new DistributedApplicationException(
                $"{FirstDelayKey} must be above 0, {MaxDelayKey} at least {FirstDelayKey}, {MaxInARowKey} 0 or more " +
                $"(given {annotation.FirstDelay.TotalSeconds}, {annotation.MaxDelay.TotalSeconds}, {annotation.MaxInARow}).");
        }

        builder.ApplicationBuilder.Services.AddHostedService<CrashRestarter>();
        return builder.WithAnnotation(annotation, ResourceAnnotationMutationBehavior.Replace);
    }
}
