using Microsoft.Extensions.Logging;
using Relay.Security;

namespace Relay.WsBackend.Security;

/// <summary>
/// The refusals of WsBackend's security checks and limits, each logged once with its reason. A token, an
/// Authorization header or a Sec-WebSocket-Protocol value is never logged; the reasons are the ones the client is told.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(200, LogLevel.Information, "Refused a WebSocket upgrade from {Address} with {Status} ({Reason}): {Detail}")]
    public static partial void UpgradeRefused(ILogger logger, string address, int status, RefusalReason reason, string detail);

    [LoggerMessage(201, LogLevel.Information, "Refused a WebSocket upgrade from {Address} with 429: it holds its maximum of {MaxConnections} connections")]
    public static partial void AddressLimitReached(ILogger logger, string address, int maxConnections);

    [LoggerMessage(202, LogLevel.Information, "Closing connection {Client} with 4001: its token expired at {ExpiresAt} without a refresh")]
    public static partial void TokenExpired(ILogger logger, string client, DateTimeOffset expiresAt);

    [LoggerMessage(203, LogLevel.Information, "Closing connection {Client} with 4003: a refresh brought another subject's token")]
    public static partial void RefreshForbidden(ILogger logger, string client);

    [LoggerMessage(204, LogLevel.Information, "Refused a refresh of connection {Client} ({Failure}): {Reason}")]
    public static partial void RefreshRefused(ILogger logger, string client, TokenFailure failure, string reason);

    [LoggerMessage(205, LogLevel.Information, "Refused connection {Client} a subscribe to {Channel}: its token does not grant it")]
    public static partial void SubscribeRefused(ILogger logger, string client, string channel);

    [LoggerMessage(206, LogLevel.Information, "Closing connection {Client} with 4029: more than {FramesPerSecond} frames per second (burst {Burst})")]
    public static partial void TooManyFrames(ILogger logger, string client, int framesPerSecond, int burst);

    [LoggerMessage(207, LogLevel.Debug, "Refreshed connection {Client} until {ExpiresAt}; {Dropped} channel(s) no longer granted")]
    public static partial void Refreshed(ILogger logger, string client, DateTimeOffset expiresAt, int dropped);

    [LoggerMessage(208, LogLevel.Error, "The token expiry sweep failed; it runs again in a second")]
    public static partial void ExpirySweepFailed(ILogger logger, Exception exception);
}
