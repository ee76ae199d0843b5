namespace Relay.Hosting.ApplicationModel;

/// <summary>What the app model's extension methods take and return, so that declarations chain.</summary>
public interface IResourceBuilder<out T> where T : IResource
{
    IDistributedApplicationBuilder ApplicationBuilder { get; }

    T Resource { get; }

    IResourceBuilder<T> WithAnnotation(IResourceAnnotation annotation);
}
