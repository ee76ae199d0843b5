using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Relay.Dashboard;
using Relay.Hosting.Orchestration;

namespace Relay.Hosting.Dashboard;

/// <summary>
/// Decides at Build whether the dashboard runs, on which ports and with which secrets, so that the services'
/// OTEL_* variables are known before anything starts and a taken port is reported with the other problems.
/// </summary>
internal static class DashboardPlanner
{
    public const string EnabledKey = DashboardOptions.SectionName + ":Enabled";

    // The dashboard serves its login page here (Relay.Dashboard's DashboardRoutes.Login).
    private const string LoginPath = "login";

    /// <summary>Null when the dashboard is off: on by default in run mode, off under the test host.</summary>
    public static DashboardPlan? Plan(IConfiguration configuration, bool isTesting, PortAllocator ports, List<string> errors)
    {
        if (!IsEnabled(configuration, isTesting, errors) || Bind(configuration, errors) is not { } configured)
        {
            return null;
        }

        var options = new DashboardOptions
        {
            FrontendPort = DecidePort(nameof(DashboardOptions.FrontendPort), "frontend", configured.FrontendPort, isTesting, ports, errors),
            OtlpGrpcPort = DecidePort(nameof(DashboardOptions.OtlpGrpcPort), "OTLP/gRPC endpoint", configured.OtlpGrpcPort, isTesting, ports, errors),
            OtlpHttpPort = DecidePort(nameof(DashboardOptions.OtlpHttpPort), "OTLP/HTTP endpoint", configured.OtlpHttpPort, isTesting, ports, errors),

            // Generated here rather than by the dashboard: the services' OTEL_EXPORTER_OTLP_HEADERS needs the key at Build.
            BrowserToken = string.IsNullOrEmpty(configured.BrowserToken) ? NewSecret() : configured.BrowserToken,
            OtlpApiKey = string.IsNullOrEmpty(configured.OtlpApiKey) ? NewSecret() : configured.OtlpApiKey,
            MaxTracesPerResource = configured.MaxTracesPerResource,
            MaxLogsPerResource = configured.MaxLogsPerResource,
            MaxMetricPointsPerResource = configured.MaxMetricPointsPerResource,
        };

        var frontendUrl = LoopbackHttp(options.FrontendPort, "/");
        var endpoints = new DashboardEndpoints(
            frontendUrl,
            new Uri(frontendUrl, $"{LoginPath}?t={Uri.EscapeDataString(options.BrowserToken)}"),
            options.BrowserToken,
            LoopbackHttp(options.OtlpGrpcPort, ""),
            LoopbackHttp(options.OtlpHttpPort, ""),
            options.OtlpApiKey);
        return new DashboardPlan(options, endpoints);
    }

    private static bool IsEnabled(IConfiguration configuration, bool isTesting, List<string> errors)
    {
        var value = configuration[EnabledKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return !isTesting;
        }

        if (bool.TryParse(value, out var enabled))
        {
            return enabled;
        }

        errors.Add($"{EnabledKey} must be true or false, not '{value}'.");
        return false;
    }

    /// <summary>Binds and validates the <c>Dashboard</c> section the way the dashboard itself would; every error names its key.</summary>
    private static DashboardOptions? Bind(IConfiguration configuration, List<string> errors)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddDashboardOptions();
        using var provider = services.BuildServiceProvider();
        try
        {
            return provider.GetRequiredService<IOptions<DashboardOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            errors.AddRange(ex.Failures);
        }
        catch (InvalidOperationException ex)
        {
            // The binder's own message names the key and the value that is not a number.
            errors.Add(ex.Message);
        }

        return null;
    }

    private static int DecidePort(string property, string what, int configured, bool isTesting, PortAllocator ports, List<string> errors)
    {
        if (isTesting || configured == 0)
        {
            return ports.AllocateFree();
        }

        if (!ports.TryClaim(configured))
        {
            var key = $"{DashboardOptions.SectionName}:{property}";
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"Port {configured} for the dashboard's {what} is already in use. Stop what listens there, or give it another port with the setting {key} (e.g. {key.Replace(":", "__", StringComparison.Ordinal)}=0 for any free port, or dotnet run -- --{key}=0), or turn the dashboard off with {EnabledKey}=false."));
        }

        return configured;
    }

    // 128 random bits in hex: nothing to escape in a URL or a header.
    private static string NewSecret() => RandomNumberGenerator.GetHexString(32, lowercase: true);

    private static Uri LoopbackHttp(int port, string path) => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}{path}"));
}
