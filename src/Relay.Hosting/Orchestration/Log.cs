using Microsoft.Extensions.Logging;

namespace Relay.Hosting.Orchestration;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "{Instance} started as pid {ProcessId}")]
    public static partial void Started(ILogger logger, string instance, int processId);

    [LoggerMessage(2, LogLevel.Warning, "{Instance} exited unexpectedly with code {ExitCode}")]
    public static partial void ExitedUnexpectedly(ILogger logger, string instance, int exitCode);

    [LoggerMessage(3, LogLevel.Warning, "{Instance} did not stop within {Seconds} s of SIGTERM: killing it")]
    public static partial void Killing(ILogger logger, string instance, double seconds);

    [LoggerMessage(4, LogLevel.Error, "{Instance} did not end even after SIGKILL (pid {ProcessId})")]
    public static partial void KillFailed(ILogger logger, string instance, int processId);

    [LoggerMessage(5, LogLevel.Debug, "{Instance} stopped with code {ExitCode}")]
    public static partial void Stopped(ILogger logger, string instance, int exitCode);

    [LoggerMessage(6, LogLevel.Warning, "{Instance} is unhealthy: {Check} failed")]
    public static partial void BecameUnhealthy(ILogger logger, string instance, string check);

    [LoggerMessage(7, LogLevel.Information, "{Instance} is healthy again")]
    public static partial void BecameHealthy(ILogger logger, string instance);

    [LoggerMessage(8, LogLevel.Warning, "setpriv or setsid (util-linux) was not found: children are not tied to the AppHost and may outlive it if it is killed")]
    public static partial void Unsupervised(ILogger logger);

    [LoggerMessage(9, LogLevel.Error, "Stopping the app failed")]
    public static partial void StopFailed(ILogger logger, Exception exception);

    [LoggerMessage(10, LogLevel.Warning, "{Instance} {Failure}; restarting in {Seconds} s (restart {Restart})")]
    public static partial void Restarting(ILogger logger, string instance, string failure, double seconds, int restart);

    [LoggerMessage(11, LogLevel.Warning, "{Instance} {Failure}; it stays down after {MaxRestarts} restarts in a row ({Key}). Start it once it is fixed.")]
    public static partial void StaysDown(ILogger logger, string instance, string failure, int maxRestarts, string key);

    [LoggerMessage(12, LogLevel.Error, "Restarting {Instance} failed")]
    public static partial void RestartCrashed(ILogger logger, string instance, Exception exception);
}
