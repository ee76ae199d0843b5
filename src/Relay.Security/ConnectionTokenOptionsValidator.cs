using System.Text;
using Microsoft.Extensions.Options;

namespace Relay.Security;

/// <summary>Checks <see cref="ConnectionTokenOptions"/> at start and names every bad key.</summary>
internal sealed class ConnectionTokenOptionsValidator : IValidateOptions<ConnectionTokenOptions>
{
    private const string Section = ConnectionTokenOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ConnectionTokenOptions options)
    {
        List<string> errors = [];
        if (string.IsNullOrEmpty(options.Secret) && options.JwksUrl is null)
        {
            errors.Add($"Give {Section}:{nameof(options.Secret)} (HS256) or {Section}:{nameof(options.JwksUrl)} (RS256/ES256): connection tokens cannot be checked without a key.");
        }

        if (!string.IsNullOrEmpty(options.Secret) && Encoding.UTF8.GetByteCount(options.Secret) < ConnectionTokenOptions.MinSecretBytes)
        {
            errors.Add($"{Section}:{nameof(options.Secret)} must have at least {ConnectionTokenOptions.MinSecretBytes} bytes (256 bits).");
        }

        if (options.JwksUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
        {
            errors.Add($"{Section}:{nameof(options.JwksUrl)} must be an absolute http or https URL.");
        }

        if (options.JwksRefreshInterval < TimeSpan.FromSeconds(10))
        {
            errors.Add($"{Section}:{nameof(options.JwksRefreshInterval)} must be at least 10 seconds.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{Section}:{nameof(options.ClockSkew)} must be between 0 and 5 minutes.");
        }

        if (options.Lifetime < TimeSpan.FromSeconds(5) || options.Lifetime > TimeSpan.FromDays(1))
        {
            errors.Add($"{Section}:{nameof(options.Lifetime)} must be between 5 seconds and 1 day.");
        }

        return errors.Count > 0 ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
