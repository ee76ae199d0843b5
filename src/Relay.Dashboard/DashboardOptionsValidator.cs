using Microsoft.Extensions.Options;

namespace Relay.Dashboard;

/// <summary>Reports every invalid setting at once, each naming its configuration key.</summary>
internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    // Far above any sane setting, low enough that a typo cannot ask for gigabytes per resource.
    private const int MaxItemsPerResource = 1_000_000;

    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        var errors = new List<string>();
        ValidatePort(errors, nameof(DashboardOptions.FrontendPort), options.FrontendPort);
        ValidatePort(errors, nameof(DashboardOptions.OtlpGrpcPort), options.OtlpGrpcPort);
        ValidatePort(errors, nameof(DashboardOptions.OtlpHttpPort), options.OtlpHttpPort);
        ValidateDistinct(errors, options);
        ValidateSecret(errors, nameof(DashboardOptions.BrowserToken), options.BrowserToken);
        ValidateSecret(errors, nameof(DashboardOptions.OtlpApiKey), options.OtlpApiKey);
        ValidateLimit(errors, nameof(DashboardOptions.MaxTracesPerResource), options.MaxTracesPerResource);
        ValidateLimit(errors, nameof(DashboardOptions.MaxLogsPerResource), options.MaxLogsPerResource);
        ValidateLimit(errors, nameof(DashboardOptions.MaxMetricPointsPerResource), options.MaxMetricPointsPerResource);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static string Key(string property) => $"{DashboardOptions.SectionName}:{property}";

    private static void ValidatePort(List<string> errors, string property, int port)
    {
        if (port is < 0 or > 65535)
        {
            errors.Add($"{Key(property)} must be between 0 (any free port) and 65535; it is {port}.");
        }
    }

    private static void ValidateDistinct(List<string> errors, DashboardOptions options)
    {
        (string Name, int Port)[] ports =
        [
            (nameof(DashboardOptions.FrontendPort), options.FrontendPort),
            (nameof(DashboardOptions.OtlpGrpcPort), options.OtlpGrpcPort),
            (nameof(DashboardOptions.OtlpHttpPort), options.OtlpHttpPort),
        ];
        for (var i = 0; i < ports.Length; i++)
        {
            for (var j = i + 1; j < ports.Length; j++)
            {
                if (ports[i].Port != 0 && ports[i].Port == ports[j].Port)
                {
                    errors.Add($"{Key(ports[j].Name)} must differ from {Key(ports[i].Name)}; both are {ports[i].Port}.");
                }
            }
        }
    }

    // The token travels in a URL and the key in a header: whitespace or control characters would break either.
    private static void ValidateSecret(List<string> errors, string property, string? value)
    {
        if (!string.IsNullOrEmpty(value) && value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            errors.Add($"{Key(property)} must not contain whitespace or control characters (leave it empty to generate one).");
        }
    }

    private static void ValidateLimit(List<string> errors, string property, int value)
    {
        if (value is < 1 or > MaxItemsPerResource)
        {
            errors.Add($"{Key(property)} must be between 1 and {MaxItemsPerResource}; it is {value}.");
        }
    }
}
