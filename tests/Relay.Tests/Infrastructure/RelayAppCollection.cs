namespace Relay.Tests.Infrastructure;

/// <summary>The end-to-end tests that share one started app.</summary>
[CollectionDefinition(Name)]
public sealed class RelayAppCollection : ICollectionFixture<RelayApp>
{
    public const string Name = "Relay app";
}
