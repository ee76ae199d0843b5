using System.Globalization;

namespace Relay.Hosting.Orchestration;

/// <summary>
/// Every environment variable the engine gives a service (docs/architecture.md, "What a service gets from
/// the AppHost"): the configuration an Aspire AppHost would inject.
/// </summary>
internal static class InjectedVariables
{
    public const string Urls = "ASPNETCORE_URLS";
    public const string AspNetCoreEnvironment = "ASPNETCORE_ENVIRONMENT";
    public const string DotnetEnvironment = "DOTNET_ENVIRONMENT";
    public const string OtelServiceName = "OTEL_SERVICE_NAME";
    public const string OtelResourceAttributes = "OTEL_RESOURCE_ATTRIBUTES";
    public const string ConsoleFormatterName = "LOGGING__CONSOLE__FORMATTERNAME";
    public const string ConsoleSingleLine = "LOGGING__CONSOLE__FORMATTEROPTIONS__SINGLELINE";
    public const string DotnetNoLogo = "DOTNET_NOLOGO";
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string OtlpProtocol = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string OtlpHeaders = "OTEL_EXPORTER_OTLP_HEADERS";
    public const string BatchSpanDelay = "OTEL_BSP_SCHEDULE_DELAY";
    public const string BatchLogDelay = "OTEL_BLRP_SCHEDULE_DELAY";
    public const string MetricExportInterval = "OTEL_METRIC_EXPORT_INTERVAL";
    public const string TracesSampler = "OTEL_TRACES_SAMPLER";
    public const string OtlpRetry = "OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY";

    /// <summary>The header the dashboard checks on every OTLP request.</summary>
    public const string OtlpApiKeyHeader = Relay.Dashboard.DashboardOptions.OtlpApiKeyHeader;

    /// <summary>What Microsoft.Extensions.ServiceDiscovery reads as <c>services:&lt;name&gt;:http:&lt;i&gt;</c>.</summary>
    public static string ServiceEndpoint(string resource, int replica) =>
        string.Create(CultureInfo.InvariantCulture, $"services__{resource}__http__{replica}");

    /// <summary>What <c>GetConnectionString(name)</c> reads.</summary>
    public static string ConnectionString(string resource) => $"ConnectionStrings__{resource}";

    public static string ServiceInstanceId(string instance) => $"service.instance.id={instance}";

    /// <summary>
    /// Exporting to the dashboard, as Aspire's run mode does: over gRPC, with its per-run key, every second
    /// (the SDK defaults of 5 s for spans and logs and 60 s for metrics feel broken on a live dashboard), every
    /// trace sampled, and failed exports retried from memory.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> OtlpExporter(DashboardEndpoints dashboard) =>
    [
        new(OtlpEndpoint, dashboard.OtlpGrpcEndpoint.GetLeftPart(UriPartial.Authority)),
        new(OtlpProtocol, "grpc"),
        new(OtlpHeaders, $"{OtlpApiKeyHeader}={dashboard.OtlpApiKey}"),
        new(BatchSpanDelay, "1000"),
        new(BatchLogDelay, "1000"),
        new(MetricExportInterval, "1000"),
        new(TracesSampler, "always_on"),
        new(OtlpRetry, "in_memory"),
    ];
}
