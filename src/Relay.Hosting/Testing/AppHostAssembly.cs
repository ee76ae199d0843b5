using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Relay.Hosting.Testing;

/// <summary>Finds the AppHost assembly a test names with a type.</summary>
internal static class AppHostAssembly
{
    private static readonly string s_hostingAssemblyName = typeof(DistributedApplication).Assembly.GetName().Name!;

    /// <summary>
    /// A generated <c>Projects.X</c> type names the AppHost by its metadata; any other type (including the
    /// AppHost's own <c>Projects.Relay_Api</c>, which names a service) is in the AppHost assembly itself.
    /// </summary>
    public static Assembly Resolve(Type entryPointType)
    {
        if (!typeof(IProjectMetadata).IsAssignableFrom(entryPointType)
            || Activator.CreateInstance(entryPointType) is not IProjectMetadata metadata
            || (File.Exists(metadata.TargetPath) && !ReferencesHosting(metadata.TargetPath)))
        {
            return entryPointType.Assembly;
        }

        try
        {
            return Assembly.Load(new AssemblyName(metadata.AssemblyName));
        }
        catch (FileNotFoundException)
        {
            // Referenced without its assembly being copied here: load it from where it was built.
            return Assembly.LoadFrom(metadata.TargetPath);
        }
    }

    // Reads the references from the file without loading it: a service assembly has no business in the test process.
    private static bool ReferencesHosting(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new PEReader(stream);
        var metadata = reader.GetMetadataReader();
        return metadata.AssemblyReferences
            .Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name))
            .Contains(s_hostingAssemblyName, StringComparer.Ordinal);
    }
}
