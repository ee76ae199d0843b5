using Relay.Hosting.ApplicationModel;

namespace Relay.Hosting;

/// <summary>Declares .NET projects and their http endpoint, replicas and health check.</summary>
public static class ProjectResourceBuilderExtensions
{
    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new()
    {
        var project = new ProjectResource(name, new TProject());
        project.Annotations.Add(new EndpointAnnotation(Port: null, IsExternal: false));
        return builder.AddResource(project);
    }

    /// <summary>Runs <paramref name="replicas"/> processes, each on its own free port.</summary>
    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> builder, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.Replace(new ReplicaAnnotation(replicas));
        return builder;
    }

    /// <summary>
    /// The http endpoint's port in run mode (overridable with <c>Ports:&lt;name&gt;</c>); null, or under the
    /// test host, a free port.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithHttpEndpoint(this IResourceBuilder<ProjectResource> builder, int? port = null)
    {
        if (port is not null)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(port.Value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(port.Value, 65535);
        }

        var current = builder.Resource.GetLast<EndpointAnnotation>();
        builder.Resource.Replace(new EndpointAnnotation(port, current?.IsExternal ?? false));
        return builder;
    }

    /// <summary>Marks the endpoint as meant for people (listed first in the terminal).</summary>
    public static IResourceBuilder<ProjectResource> WithExternalHttpEndpoints(this IResourceBuilder<ProjectResource> builder)
    {
        var current = builder.Resource.GetLast<EndpointAnnotation>();
        builder.Resource.Replace(new EndpointAnnotation(current?.Port, IsExternal: true));
        return builder;
    }

    /// <summary>Healthy when <c>GET &lt;endpoint&gt;&lt;path&gt;</c> answers 200 within 2 s.</summary>
    public static IResourceBuilder<ProjectResource> WithHttpHealthCheck(this IResourceBuilder<ProjectResource> builder, string path = "/health")
    {
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException($"The health check path '{path}' must start with '/'.", nameof(path));
        }

        builder.Resource.Replace(new HealthCheckAnnotation(path));
        return builder;
    }
}
