using Microsoft.Extensions.Logging;

namespace Relay.Hosting.Dashboard;

internal static partial class Log
{
    [LoggerMessage(20, LogLevel.Information, "The dashboard asked to {Action}")]
    public static partial void ActionRequested(ILogger logger, string action);

    [LoggerMessage(21, LogLevel.Warning, "The dashboard asked to {Action}, which failed: {Reason}")]
    public static partial void ActionFailed(ILogger logger, string action, string reason);

    [LoggerMessage(22, LogLevel.Error, "The dashboard asked to {Action}, which failed")]
    public static partial void ActionCrashed(ILogger logger, string action, Exception exception);

    [LoggerMessage(23, LogLevel.Information, "The dashboard asked to {Action} while the app stops: ignored")]
    public static partial void ActionIgnored(ILogger logger, string action);

    [LoggerMessage(24, LogLevel.Warning, "Stopping the dashboard failed")]
    public static partial void StopFailed(ILogger logger, Exception exception);
}
