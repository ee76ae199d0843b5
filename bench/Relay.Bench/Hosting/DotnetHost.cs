namespace Relay.Bench.Hosting;

/// <summary>How the bench starts a .NET app of its own: with the muxer that runs the bench, as the hosting engine does.</summary>
internal static class DotnetHost
{
    // dotnet run sets DOTNET_HOST_PATH; a bench started as `dotnet Relay.Bench.dll` is run by the muxer itself.
    public static string Muxer() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";
}
