namespace Relay.Hosting.ApplicationModel;

/// <summary>The resource starts only once every instance of <see cref="Target"/> is Running and healthy.</summary>
public sealed record WaitAnnotation(IResource Target) : IResourceAnnotation;
