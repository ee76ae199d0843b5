namespace Relay.Dashboard;

/// <summary>The dashboard's routes in one place.</summary>
internal static class DashboardRoutes
{
    public const string Home = "/";
    public const string Login = "/login";
    public const string ApiPrefix = "/api";
    public const string Traces = "/api/traces";
    public const string Logs = "/api/logs";
    public const string Metrics = "/api/metrics";
    public const string Resources = "/api/resources";
    public const string Services = "/api/services";
    public const string Console = "/api/console";
    public const string ConsoleDownload = "/api/console/download";
    public const string Flow = "/api/flow";
    public const string Stream = "/api/stream";
    public const string Stats = "/api/stats";
    public const string Assets = "/assets";
    public const string OtlpPrefix = "/v1";
    public const string OtlpTraces = "/traces";
    public const string OtlpLogs = "/logs";
    public const string OtlpMetrics = "/metrics";

    /// <summary>The page <c>/</c> redirects to.</summary>
    public const string FirstPage = "/resources";

    /// <summary>The routes that serve the pages' shell; the browser-side router picks the page from the path.</summary>
    public static readonly string[] Pages =
        ["/resources", "/console", "/logs", "/traces", "/traces/{traceId}", "/metrics", "/flow"];
}
