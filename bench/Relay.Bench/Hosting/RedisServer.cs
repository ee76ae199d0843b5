namespace Relay.Bench.Hosting;

/// <summary>
/// A peer stack's own <c>redis-server</c> on a free loopback port, in memory only (no RDB snapshots, no append-only
/// file): the peers publish through pub/sub alone, so nothing of theirs needs to reach the disk.
/// </summary>
internal static class RedisServer
{
    public const string Name = "redis";

    /// <summary>The started server (answering TCP) and its port.</summary>
    public static async Task<(ChildProcess Process, int Port)> StartAsync(string logFolder, CancellationToken cancellationToken)
    {
        var port = LoopbackPort.Free();
        var redis = ChildProcess.Start(
            Name, "redis-server", ["--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            new Dictionary<string, string>(), logFolder, Path.GetTempPath());
        try
        {
            await redis.WaitForTcpAsync(port, cancellationToken);
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }

        return (redis, port);
    }
}
