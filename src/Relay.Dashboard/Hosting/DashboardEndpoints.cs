using Microsoft.AspNetCore.Builder;
using Relay.Dashboard.Api;
using Relay.Dashboard.Auth;
using Relay.Dashboard.Otlp;
using Relay.Dashboard.Pages;

namespace Relay.Dashboard.Hosting;

internal static class DashboardEndpoints
{
    /// <summary>Every route carries the listener it belongs to; see <see cref="DashboardListenerMatcherPolicy"/>.</summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseMiddleware<OtlpApiKeyMiddleware>();
        app.UseMiddleware<BrowserAuthMiddleware>();

        var frontend = app.MapGroup(string.Empty)
            .WithMetadata(new DashboardListenerMetadata(DashboardListener.Frontend));
        frontend.MapPagesApi();
        frontend.MapLoginApi();
        frontend.MapResourcesApi();
        frontend.MapServicesApi();
        frontend.MapConsoleApi();
        frontend.MapFlowApi();
        frontend.MapTracesApi();
        frontend.MapLogsApi();
        frontend.MapMetricsApi();
        frontend.MapStatsApi();
        frontend.MapStreamApi();

        app.MapOtlpHttpApi();

        var grpc = new DashboardListenerMetadata(DashboardListener.OtlpGrpc);
        app.MapGrpcService<OtlpTraceService>().WithMetadata(grpc);
        app.MapGrpcService<OtlpLogsService>().WithMetadata(grpc);
        app.MapGrpcService<OtlpMetricsService>().WithMetadata(grpc);
        return app;
    }
}
