using Microsoft.Extensions.Configuration;
using Relay.Hosting.ApplicationModel;

namespace Relay.Hosting.Testing;

internal sealed class TestingApplicationBuilder(DistributedApplicationBuilder inner) : IDistributedApplicationTestingBuilder
{
    public IConfigurationManager Configuration => inner.Configuration;

    public string EnvironmentName => inner.EnvironmentName;

    public DistributedApplicationExecutionContext ExecutionContext => inner.ExecutionContext;

    public IReadOnlyList<IResource> Resources => inner.Resources;

    public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource => inner.AddResource(resource);

    public DistributedApplication Build()
    {
        var app = inner.BuildCore();
        app.ThrowIfBuildFailed();
        return app;
    }

    public Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Build());
    }
}
