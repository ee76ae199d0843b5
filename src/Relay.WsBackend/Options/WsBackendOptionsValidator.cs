using Microsoft.Extensions.Options;
using Relay.Contracts;
using Relay.WsBackend.Security;

namespace Relay.WsBackend.Options;

/// <summary>Reports every bad <c>WsBackend:*</c> key at start, so a typo fails fast instead of at the first overflow.</summary>
internal sealed class WsBackendOptionsValidator : IValidateOptions<WsBackendOptions>
{
    // A frame carrying a 4,096-character text can take ~25 KiB once JSON-escaped: the queue must hold a few.
    private const int MinSendQueueLimitBytes = 64 * 1024;
    private static readonly TimeSpan s_maxTimeout = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, WsBackendOptions options)
    {
        List<string> errors = [];
        const string Section = WsBackendOptions.SectionName;

        if (options.SendQueueLimitBytes < MinSendQueueLimitBytes)
        {
            errors.Add($"{Section}:{nameof(options.SendQueueLimitBytes)} must be at least {MinSendQueueLimitBytes} (was {options.SendQueueLimitBytes}).");
        }

        if (options.MaxChannelsPerConnection is < 1 or > SubscriptionLimits.MaxChannelsPerConnection)
        {
            errors.Add($"{Section}:{nameof(options.MaxChannelsPerConnection)} must be between 1 and {SubscriptionLimits.MaxChannelsPerConnection} (was {options.MaxChannelsPerConnection}).");
        }

        if (options.MaxPendingSubscribes is < 1 or > SubscriptionLimits.MaxChannelsPerConnection)
        {
            errors.Add($"{Section}:{nameof(options.MaxPendingSubscribes)} must be between 1 and {SubscriptionLimits.MaxChannelsPerConnection} (was {options.MaxPendingSubscribes}).");
        }

        AddIfOutOfRange(errors, nameof(options.KeepAliveInterval), options.KeepAliveInterval);
        AddIfOutOfRange(errors, nameof(options.KeepAliveTimeout), options.KeepAliveTimeout);
        AddIfOutOfRange(errors, nameof(options.CloseTimeout), options.CloseTimeout);

        if (options.MaxConnections < 1)
        {
            errors.Add($"{Section}:{nameof(options.MaxConnections)} must be at least 1 (was {options.MaxConnections}).");
        }

        if (options.MaxConnectionsPerAddress < 1)
        {
            errors.Add($"{Section}:{nameof(options.MaxConnectionsPerAddress)} must be at least 1 (was {options.MaxConnectionsPerAddress}).");
        }

        if (options.MaxFramesPerSecond < 1)
        {
            errors.Add($"{Section}:{nameof(options.MaxFramesPerSecond)} must be at least 1 (was {options.MaxFramesPerSecond}).");
        }

        if (options.MaxFrameBurst < 1)
        {
            errors.Add($"{Section}:{nameof(options.MaxFrameBurst)} must be at least 1 (was {options.MaxFrameBurst}).");
        }

        for (var i = 0; i < options.AllowedOrigins.Length; i++)
        {
            if (!AllowedOrigins.IsOrigin(options.AllowedOrigins[i]))
            {
                errors.Add($"{Section}:{nameof(options.AllowedOrigins)}:{i} must be an origin, scheme://host[:port] with scheme http or https (was '{options.AllowedOrigins[i]}').");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void AddIfOutOfRange(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value > s_maxTimeout)
        {
            errors.Add($"{WsBackendOptions.SectionName}:{key} must be more than 0 and at most {s_maxTimeout} (was {value}).");
        }
    }
}
