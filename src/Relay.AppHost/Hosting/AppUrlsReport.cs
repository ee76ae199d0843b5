using System.Text;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

/// <summary>Prints, once every resource is healthy, the dashboard's login URL and the URLs people open.</summary>
public static class AppUrlsReportExtensions
{
    public static IDistributedApplicationBuilder AddAppUrlsReport(this IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsRunMode)
        {
            builder.Services.AddHostedService<AppUrlsReporter>();
        }

        return builder;
    }

    /// <summary>The name Aspire gives the dashboard's resource.</summary>
    public const string DashboardResourceName = "aspire-dashboard";

    // The dashboard's pages; its other endpoints (otlp-grpc, otlp-http) are where telemetry goes.
    private const string DashboardBrowserEndpointName = "http";

    private sealed class AppUrlsReporter(
        DistributedApplicationModel model,
        ResourceNotificationService notifications,
        IConfiguration configuration,
        ILogger<AppUrlsReporter> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            // The app's own resources; the dashboard, also an executable, has no health of its own to wait for.
            var watched = model.Resources.Where(r => r is ProjectResource || r is IResourceWithConnectionString and not ParameterResource).ToList();
            try
            {
                await Task.WhenAll(watched.Select(r => notifications.WaitForResourceHealthyAsync(r.Name, stoppingToken))).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var report = new StringBuilder();
            if (notifications.TryGetCurrentState(DashboardResourceName, out var dashboard)
                && dashboard.Snapshot.Urls.FirstOrDefault(u => u.Name == DashboardBrowserEndpointName) is { } dashboardUrl
                && configuration["AppHost:BrowserToken"] is { Length: > 0 } token)
            {
                report.Append("\n  Dashboard: ").Append(dashboardUrl.Url.TrimEnd('/')).Append("/login?t=").Append(token);
            }

            foreach (var resource in model.Resources.OfType<ProjectResource>().Where(r => r.HasAnnotationOfType<ReplicaAnnotation>() is false || r.GetReplicaCount() == 1))
            {
                if (!notifications.TryGetCurrentState(resource.Name, out var current))
                {
                    continue;
                }

                foreach (var url in current.Snapshot.Urls.Where(u => !u.IsInternal))
                {
                    var text = url.DisplayProperties.DisplayName;
                    report.Append("\n  ").Append(text is { Length: > 0 } && text != url.Name ? $"{resource.Name} ({text})" : resource.Name)
                        .Append(": ").Append(url.Url);
                }
            }

            Log.AppUrls(logger, report.ToString());
        }
    }
}
