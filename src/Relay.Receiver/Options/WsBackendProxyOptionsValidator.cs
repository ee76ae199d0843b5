using Microsoft.Extensions.Options;

namespace Relay.Receiver.Options;

internal sealed class WsBackendProxyOptionsValidator : IValidateOptions<WsBackendProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, WsBackendProxyOptions options)
    {
        const string section = WsBackendProxyOptions.SectionName;
        List<string> errors = [];

        if (options.RefreshInterval <= TimeSpan.Zero)
        {
            errors.Add($"{section}:{nameof(options.RefreshInterval)} must be positive (was {options.RefreshInterval}).");
        }

        if (options.HealthCheckInterval <= TimeSpan.Zero)
        {
            errors.Add($"{section}:{nameof(options.HealthCheckInterval)} must be positive (was {options.HealthCheckInterval}).");
        }

        if (options.HealthCheckTimeout <= TimeSpan.Zero || options.HealthCheckTimeout > options.HealthCheckInterval)
        {
            errors.Add($"{section}:{nameof(options.HealthCheckTimeout)} must be positive and at most " +
                $"{section}:{nameof(options.HealthCheckInterval)} (was {options.HealthCheckTimeout}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
