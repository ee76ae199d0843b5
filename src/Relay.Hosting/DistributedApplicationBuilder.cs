using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Relay.Hosting.ApplicationModel;
using Relay.Hosting.Testing;

namespace Relay.Hosting;

internal sealed partial class DistributedApplicationBuilder : IDistributedApplicationBuilder
{
    private const string DefaultEnvironmentName = "Development";

    private readonly List<IResource> _resources = [];
    private readonly ConfigurationManager _configuration = new();

    public DistributedApplicationBuilder(string[] args, bool isTesting)
    {
        _configuration.AddEnvironmentVariables();
        _configuration.AddCommandLine(args);
        ExecutionContext = new DistributedApplicationExecutionContext(isTesting);
        EnvironmentName = _configuration["DOTNET_ENVIRONMENT"] is { Length: > 0 } dotnetEnvironment ? dotnetEnvironment
            : _configuration["ASPNETCORE_ENVIRONMENT"] is { Length: > 0 } aspNetCoreEnvironment ? aspNetCoreEnvironment
            : DefaultEnvironmentName;
    }

    public IConfigurationManager Configuration => _configuration;

    public string EnvironmentName { get; }

    public DistributedApplicationExecutionContext ExecutionContext { get; }

    public IReadOnlyList<IResource> Resources => _resources;

    public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource
    {
        if (!ResourceNameRegex().IsMatch(resource.Name))
        {
            throw new ArgumentException(
                $"'{resource.Name}' is not a valid resource name: use lowercase letters, digits and '-', starting with a letter.",
                nameof(resource));
        }

        if (_resources.Any(existing => existing.Name == resource.Name))
        {
            throw new ArgumentException($"A resource named '{resource.Name}' already exists.", nameof(resource));
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    public DistributedApplication Build()
    {
        // Under the test host, the AppHost's entry point only declares the model: the test host takes the
        // builder here and unwinds the entry point, then builds it itself (BuildAsync).
        if (TestingHook.TryCapture(this))
        {
            throw new HostAbortedException("The test host took the app model; the AppHost's entry point stops here.");
        }

        return BuildCore();
    }

    internal DistributedApplication BuildCore() => new(this);

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex ResourceNameRegex();
}
