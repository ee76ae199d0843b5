using Microsoft.Extensions.Options;
using Relay.Contracts;

namespace Relay.Sender.Options;

/// <summary>Checks <c>ApiClient:*</c> at start, so a missing key fails the Sender at once rather than every publish with 401.</summary>
internal sealed class ApiClientOptionsValidator : IValidateOptions<ApiClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiClientOptions options)
    {
        const string Key = $"{ApiClientOptions.SectionName}:{nameof(ApiClientOptions.ApiKey)}";
        var error =
            string.IsNullOrEmpty(options.ApiKey) ? $"{Key} is required: the Api refuses publishes without an API key."
            : options.ApiKey.Length is < ApiCredentials.MinApiKeyLength or > ApiCredentials.MaxApiKeyLength
                ? $"{Key} must be {ApiCredentials.MinApiKeyLength} to {ApiCredentials.MaxApiKeyLength} characters."
            : options.ApiKey.Any(c => c is < '\x21' or > '\x7E') ? $"{Key} must be visible ASCII characters only (0x21–0x7E)."
            : null;
        return error is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(error);
    }
}
