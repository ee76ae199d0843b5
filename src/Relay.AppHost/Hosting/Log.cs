using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "{Replica} exited unasked (exit code {ExitCode}); starting it again in {DelaySeconds} s (restart {InARow} in a row)")]
    public static partial void Restarting(ILogger logger, string replica, int? exitCode, double delaySeconds, int inARow);

    [LoggerMessage(2, LogLevel.Error, "{Replica} exited unasked (exit code {ExitCode}) after {Restarts} restarts in a row; it stays down until started from the dashboard")]
    public static partial void GivingUp(ILogger logger, string replica, int? exitCode, int restarts);

    [LoggerMessage(3, LogLevel.Error, "{Replica} could not be started again: {Reason}")]
    public static partial void RestartFailed(ILogger logger, string replica, string? reason);

    [LoggerMessage(4, LogLevel.Information, "Relay is running. {Urls}")]
    public static partial void AppUrls(ILogger logger, string urls);

    [LoggerMessage(5, LogLevel.Information, "Forming Redis Cluster {Cluster}: {Masters} masters, {ReplicasPerMaster} replica(s) each")]
    public static partial void ClusterForming(ILogger logger, string cluster, int masters, int replicasPerMaster);

    [LoggerMessage(6, LogLevel.Information, "Redis Cluster {Cluster}: its {Nodes} nodes already hold a formed cluster; telling them each other's ports")]
    public static partial void ClusterRejoining(ILogger logger, string cluster, int nodes);

    [LoggerMessage(7, LogLevel.Information, "Redis Cluster {Cluster} is ok on ports {Ports}")]
    public static partial void ClusterReady(ILogger logger, string cluster, string ports);

    [LoggerMessage(8, LogLevel.Error, "Redis Cluster {Cluster} did not become ok: {Reason}")]
    public static partial void ClusterFailed(ILogger logger, string cluster, string reason);
}
