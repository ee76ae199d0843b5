using Microsoft.Extensions.Configuration;
using Relay.Hosting.ApplicationModel;

namespace Relay.Hosting;

/// <summary>Declares the app model; <see cref="Build"/> turns it into a runnable app.</summary>
public interface IDistributedApplicationBuilder
{
    /// <summary>The AppHost's configuration: environment variables, then command-line arguments.</summary>
    IConfigurationManager Configuration { get; }

    /// <summary>Given to every service as ASPNETCORE_ENVIRONMENT and DOTNET_ENVIRONMENT.</summary>
    string EnvironmentName { get; }

    DistributedApplicationExecutionContext ExecutionContext { get; }

    IReadOnlyList<IResource> Resources { get; }

    IResourceBuilder<T> AddResource<T>(T resource) where T : IResource;

    DistributedApplication Build();
}
