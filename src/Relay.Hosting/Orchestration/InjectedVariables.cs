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

    /// <summary>What Microsoft.Extensions.ServiceDiscovery reads as <c>services:&lt;name&gt;:http:&lt;i&gt;</c>.</summary>
    public static string ServiceEndpoint(string resource, int replica) =>
        string.Create(CultureInfo.InvariantCulture, $"services__{resource}__http__{replica}");

    /// <summary>What <c>GetConnectionString(name)</c> reads.</summary>
    public static string ConnectionString(string resource) => $"ConnectionStrings__{resource}";

    public static string ServiceInstanceId(string instance) => $"service.instance.id={instance}";
}
