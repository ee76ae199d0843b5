namespace Relay.Tests.Infrastructure;

/// <summary>One node of the app's Redis Cluster: its resource (<c>redis-node-3</c>) and port on 127.0.0.1.</summary>
public sealed record RedisClusterNode(string Resource, int Port)
{
    public override string ToString() => $"{Resource} (:{Port})";
}
