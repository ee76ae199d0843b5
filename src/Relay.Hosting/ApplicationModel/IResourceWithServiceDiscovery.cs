namespace Relay.Hosting.ApplicationModel;

/// <summary>A resource others find through <c>services__&lt;name&gt;__http__&lt;i&gt;</c>.</summary>
public interface IResourceWithServiceDiscovery : IResource;
