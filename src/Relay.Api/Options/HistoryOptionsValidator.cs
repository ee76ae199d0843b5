using Microsoft.Extensions.Options;

namespace Relay.Api.Options;

/// <summary>Reports every bad <c>History:*</c> key at start, so a typo fails fast instead of at the first publish.</summary>
internal sealed class HistoryOptionsValidator : IValidateOptions<HistoryOptions>
{
    public ValidateOptionsResult Validate(string? name, HistoryOptions options)
    {
        List<string> errors = [];
        const string Section = HistoryOptions.SectionName;

        if (options.Size is < HistoryOptions.MinSize or > HistoryOptions.MaxSize)
        {
            errors.Add($"{Section}:{nameof(options.Size)} must be between {HistoryOptions.MinSize} and {HistoryOptions.MaxSize} (was {options.Size}).");
        }

        if (options.IdleTtl < HistoryOptions.MinIdleTtl || options.IdleTtl > HistoryOptions.MaxIdleTtl)
        {
            errors.Add($"{Section}:{nameof(options.IdleTtl)} must be between {HistoryOptions.MinIdleTtl} and {HistoryOptions.MaxIdleTtl} (was {options.IdleTtl}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
