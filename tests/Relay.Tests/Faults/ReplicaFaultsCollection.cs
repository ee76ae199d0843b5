namespace Relay.Tests.Faults;

/// <summary>The fault tests that share one <see cref="ReplicaFaultsApp"/>: each leaves both replicas running.</summary>
[CollectionDefinition(Name)]
public sealed class ReplicaFaultsCollection : ICollectionFixture<ReplicaFaultsApp>
{
    public const string Name = "Replica faults";
}
