namespace Relay.Hosting.ApplicationModel;

/// <summary>How many processes run the resource.</summary>
public sealed record ReplicaAnnotation(int Replicas) : IResourceAnnotation;
