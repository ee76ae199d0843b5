namespace Relay.Hosting.Processes;

/// <summary>The dotnet muxer that runs the projects' built assemblies.</summary>
internal static class DotnetHost
{
    private const string FallbackPath = "/usr/share/dotnet/dotnet";

    public static string Path { get; } = Find();

    private static string Find()
    {
        // Set by the dotnet CLI for everything it launches (dotnet run, dotnet test): the muxer in use.
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        // `dotnet Relay.AppHost.dll` runs in the muxer; the apphost executable (bin/…/Relay.AppHost) does not.
        if (Environment.ProcessPath is { } processPath
            && System.IO.Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return processPath;
        }

        return ExecutableLocator.FindOnPath("dotnet") ?? FallbackPath;
    }
}
