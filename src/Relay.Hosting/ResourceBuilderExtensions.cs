using Relay.Hosting.ApplicationModel;

namespace Relay.Hosting;

/// <summary>Connects resources: references (configuration) and waits (start order).</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>Injects <c>services__&lt;name&gt;__http__&lt;i&gt;</c> for every replica of <paramref name="source"/>.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithServiceDiscovery> source)
        where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new ReferenceAnnotation(source.Resource));

    /// <summary>Injects <c>ConnectionStrings__&lt;name&gt;</c>.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithConnectionString> source)
        where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new ReferenceAnnotation(source.Resource));

    /// <summary>Starts the resource only once every instance of <paramref name="dependency"/> is Running and healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResource
    {
        if (ReferenceEquals(dependency.Resource, builder.Resource))
        {
            throw new ArgumentException($"'{builder.Resource.Name}' cannot wait for itself.", nameof(dependency));
        }

        return builder.WithAnnotation(new WaitAnnotation(dependency.Resource));
    }
}
