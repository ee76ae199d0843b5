namespace Relay.Sender.Apis;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Refused a body over {MaxBytes} bytes.")]
    public static partial void BodyTooLarge(ILogger logger, int maxBytes);

    [LoggerMessage(2, LogLevel.Warning, "The Api is unreachable.")]
    public static partial void ApiUnreachable(ILogger logger, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "The Api did not answer in time.")]
    public static partial void ApiTimedOut(ILogger logger, Exception exception);

    [LoggerMessage(4, LogLevel.Information, "Refused a request whose Idempotency-Key header could not be forwarded.")]
    public static partial void IdempotencyKeyRefused(ILogger logger);

    [LoggerMessage(5, LogLevel.Warning, "The Api refused the Sender's API key with {StatusCode}: check ApiClient:ApiKey and the key's channels.")]
    public static partial void ApiRefusedKey(ILogger logger, int statusCode);
}
