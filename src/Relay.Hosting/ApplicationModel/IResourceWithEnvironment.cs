namespace Relay.Hosting.ApplicationModel;

/// <summary>A resource whose process receives configuration through environment variables.</summary>
public interface IResourceWithEnvironment : IResource;
