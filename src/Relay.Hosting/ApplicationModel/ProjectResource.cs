namespace Relay.Hosting.ApplicationModel;

/// <summary>A .NET project, run as <c>dotnet &lt;TargetPath&gt;</c> from its own folder.</summary>
public sealed class ProjectResource(string name, IProjectMetadata project)
    : IResourceWithEnvironment, IResourceWithServiceDiscovery
{
    public string Name { get; } = name;

    public IProjectMetadata Project { get; } = project;

    public IList<IResourceAnnotation> Annotations { get; } = [];
}
