namespace Relay.Hosting.Testing;

/// <summary>The AppHost's app model, taken by the test host before it was built; change it, then build it.</summary>
public interface IDistributedApplicationTestingBuilder : IDistributedApplicationBuilder
{
    /// <summary>Builds the app (ports allocated now). Throws a <see cref="DistributedApplicationException"/> if the model cannot run.</summary>
    Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default);
}
