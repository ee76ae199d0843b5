namespace Relay.Hosting.ApplicationModel;

/// <summary>The resource is healthy when <c>GET &lt;endpoint&gt;&lt;Path&gt;</c> answers 200.</summary>
public sealed record HealthCheckAnnotation(string Path) : IResourceAnnotation;
