namespace Relay.Hosting.ApplicationModel;

internal static class ResourceAnnotationExtensions
{
    /// <summary>The last annotation of a kind wins, so a later call overrides an earlier one.</summary>
    public static T? GetLast<T>(this IResource resource) where T : class, IResourceAnnotation =>
        resource.Annotations.OfType<T>().LastOrDefault();

    public static void Replace<T>(this IResource resource, T annotation) where T : class, IResourceAnnotation
    {
        foreach (var old in resource.Annotations.OfType<T>().ToList())
        {
            resource.Annotations.Remove(old);
        }

        resource.Annotations.Add(annotation);
    }

    public static int GetReplicas(this IResource resource) => resource.GetLast<ReplicaAnnotation>()?.Replicas ?? 1;
}
