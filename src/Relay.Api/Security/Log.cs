namespace Relay.Api.Security;

internal static partial class Log
{
    // Debug: under a flood of bad keys the rate limiter answers, and one line per refusal would be the flood again.
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Refused the credentials of a request: {Reason}")]
    public static partial void CredentialsRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Refused the {Caller} on channel {Channel}: not among its channel patterns")]
    public static partial void ChannelRefused(ILogger logger, string caller, string channel);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Rate limited {Partition}: answered 429, retry after {RetryAfterSeconds} s")]
    public static partial void RateLimited(ILogger logger, string partition, int retryAfterSeconds);
}
