namespace Relay.Api.Security;

// A refused credential is logged by the authentication handlers themselves ("<scheme> was not authenticated", with
// the reason and never the key), under their own categories, which appsettings.json sets to Warning: under a flood of
// bad keys one line per refusal would be the flood again. Lower them to Information to see each refusal.
internal static partial class Log
{
    // Debug too: a key may make 20,000 requests a second by default, every one of them on a channel it lacks.
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Refused the {Caller} on channel {Channel}: not among its channel patterns")]
    public static partial void ChannelRefused(ILogger logger, string caller, string channel);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Rate limited {Partition}: answered 429, retry after {RetryAfterSeconds} s")]
    public static partial void RateLimited(ILogger logger, string partition, int retryAfterSeconds);
}
