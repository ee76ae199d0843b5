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
    public const string Console = "/api/console";
    public const string Stream = "/api/stream";
    public const string Stats = "/api/stats";
    public const string OtlpPrefix = "/v1";
    public const string OtlpTraces = "/traces";
    public const string OtlpLogs = "/logs";
    public const string OtlpMetrics = "/metrics";
}
