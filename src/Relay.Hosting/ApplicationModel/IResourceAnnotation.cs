namespace Relay.Hosting.ApplicationModel;

/// <summary>A piece of data attached to a resource by an extension method of its builder.</summary>
public interface IResourceAnnotation;
