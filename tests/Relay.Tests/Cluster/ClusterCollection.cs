namespace Relay.Tests.Cluster;

/// <summary>The tests that share one <see cref="ClusterApp"/>: each leaves every node and replica running (<see cref="ClusterApp.AllHealthyAsync"/>).</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterApp>
{
    public const string Name = "Redis Cluster";
}
