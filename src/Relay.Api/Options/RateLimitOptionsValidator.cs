using Microsoft.Extensions.Options;

namespace Relay.Api.Options;

/// <summary>Reports every bad <c>RateLimits:*</c> key at start.</summary>
internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        List<string> errors = [];
        const string Section = RateLimitOptions.SectionName;

        if (options.AnonymousPermitsPerSecond <= 0)
        {
            errors.Add($"{Section}:{nameof(options.AnonymousPermitsPerSecond)} must be positive (was {options.AnonymousPermitsPerSecond}).");
        }

        if (options.AnonymousBurst <= 0)
        {
            errors.Add($"{Section}:{nameof(options.AnonymousBurst)} must be positive (was {options.AnonymousBurst}).");
        }

        if (options.TokenPermitsPerSecond <= 0)
        {
            errors.Add($"{Section}:{nameof(options.TokenPermitsPerSecond)} must be positive (was {options.TokenPermitsPerSecond}).");
        }

        if (options.TokenBurst <= 0)
        {
            errors.Add($"{Section}:{nameof(options.TokenBurst)} must be positive (was {options.TokenBurst}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
