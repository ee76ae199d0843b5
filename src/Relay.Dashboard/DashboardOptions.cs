namespace Relay.Dashboard;

/// <summary>
/// Settings of the dashboard, bound from the <c>Dashboard</c> configuration section. Every listener
/// binds to 127.0.0.1 only: the dashboard shows environment variables and can stop processes.
/// </summary>
public sealed class DashboardOptions
{
    /// <summary>The header every OTLP request must carry with <see cref="OtlpApiKey"/>.</summary>
    public const string OtlpApiKeyHeader = "x-otlp-api-key";

    public const string SectionName = "Dashboard";

    /// <summary>Port of the pages and the JSON API (HTTP/1.1). 0 picks a free port.</summary>
    public int FrontendPort { get; set; } = 18888;

    /// <summary>Port of OTLP over gRPC (HTTP/2 without TLS). 0 picks a free port.</summary>
    public int OtlpGrpcPort { get; set; } = 18889;

    /// <summary>Port of OTLP over HTTP (<c>POST /v1/traces|logs|metrics</c>). 0 picks a free port.</summary>
    public int OtlpHttpPort { get; set; } = 18890;

    /// <summary>The token of the login URL; a random one is generated when empty.</summary>
    public string? BrowserToken { get; set; }

    /// <summary>The value exporters must send in <c>x-otlp-api-key</c>; a random one is generated when empty.</summary>
    public string? OtlpApiKey { get; set; }

    /// <summary>Traces kept per resource (service.name + service.instance.id); the oldest are evicted first.</summary>
    public int MaxTracesPerResource { get; set; } = 10_000;

    /// <summary>Log records kept per resource; the oldest are evicted first.</summary>
    public int MaxLogsPerResource { get; set; } = 10_000;

    /// <summary>Metric data points kept per resource, across its instruments; the oldest are evicted first.</summary>
    public int MaxMetricPointsPerResource { get; set; } = 50_000;
}
