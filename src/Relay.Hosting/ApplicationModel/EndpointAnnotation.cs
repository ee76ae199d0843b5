namespace Relay.Hosting.ApplicationModel;

/// <summary>The http endpoint of a project. <see cref="Port"/> null: a free port per replica.</summary>
public sealed record EndpointAnnotation(int? Port, bool IsExternal) : IResourceAnnotation;
