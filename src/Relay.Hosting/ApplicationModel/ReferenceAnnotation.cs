namespace Relay.Hosting.ApplicationModel;

/// <summary>The resource receives the address or connection string of <see cref="Target"/>.</summary>
public sealed record ReferenceAnnotation(IResource Target) : IResourceAnnotation;
