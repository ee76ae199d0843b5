using Relay.Hosting.ApplicationModel;

namespace Relay.Hosting.Orchestration;

/// <summary>The WaitFor relations: who starts after whom, and so who stops before whom.</summary>
internal static class WaitGraph
{
    public static IReadOnlyList<string> WaitsFor(IResource resource) =>
        [.. resource.Annotations.OfType<WaitAnnotation>().Select(wait => wait.Target.Name).Distinct()];

    /// <summary>0 for a resource that waits for nothing, else one more than its deepest dependency.</summary>
    public static Dictionary<string, int> ComputeDepths(IReadOnlyList<IResource> resources)
    {
        var byName = resources.ToDictionary(resource => resource.Name, StringComparer.Ordinal);
        var depths = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            Visit(resource, byName, depths, []);
        }

        return depths;
    }

    private static int Visit(IResource resource, Dictionary<string, IResource> byName, Dictionary<string, int> depths, List<string> path)
    {
        if (depths.TryGetValue(resource.Name, out var known))
        {
            return known;
        }

        if (path.Contains(resource.Name))
        {
            throw new DistributedApplicationException($"The resources wait for each other in a circle: {string.Join(" -> ", path)} -> {resource.Name}.");
        }

        path.Add(resource.Name);
        var depth = 0;
        foreach (var dependency in WaitsFor(resource))
        {
            var target = byName.GetValueOrDefault(dependency)
                ?? throw new DistributedApplicationException($"'{resource.Name}' waits for '{dependency}', which is not part of this app.");
            depth = Math.Max(depth, Visit(target, byName, depths, path) + 1);
        }

        path.RemoveAt(path.Count - 1);
        depths[resource.Name] = depth;
        return depth;
    }
}
