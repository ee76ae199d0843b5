using Relay.Bench.Hosting;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Relay.Bench.Measurement;

namespace Relay.Bench.Reporting;

/// <summary>
/// Where and on what a run happened: the repository, the commit the bench and the services were built from (stamped
/// at build; <see cref="Dirty"/> when src/ had uncommitted changes then), the machine and how busy it was.
/// </summary>
internal sealed record RunEnvironment(string RepositoryRoot, string Commit, bool Dirty, string HeadAtRun, int ProcessorCount, double LoadAverageAtStart)
{
    // Variables of the dotnet CLI and host that say nothing about how the services perform.
    private static readonly string[] s_toolingPrefixes = ["DOTNET_CLI_", "DOTNET_HOST_PATH", "DOTNET_ROOT", "DOTNET_NOLOGO", "DOTNET_SKIP_", "DOTNET_GENERATE_", "DOTNET_MSBUILD"];

    public static RunEnvironment Capture()
    {
        var root = FindRepositoryRoot();
        var head = Git(root, "rev-parse --short HEAD") ?? "unknown";
        var commit = BuildMetadata("RelayBuildCommit") is { Length: > 0 } stamped ? stamped : head;
        var dirty = BuildMetadata("RelayBuildDirty") is { } changes && changes != "0";
        return new RunEnvironment(root, commit, dirty, head, Environment.ProcessorCount, ProcFs.LoadAverage());
    }

    public string ResultsFolder => Path.Combine(RepositoryRoot, "bench", "results");

    public JsonObject ToJson() => new()
    {
        ["nproc"] = ProcessorCount,
        ["loadAverage1mAtStart"] = LoadAverageAtStart,
        ["runtime"] = RuntimeInformation.FrameworkDescription,
        ["os"] = RuntimeInformation.OSDescription,
        ["tuningVariables"] = TuningVariables(),
    };

    /// <summary>
    /// The runtime and OpenTelemetry variables of this process, which every service inherits (GC mode, thread pool,
    /// OTEL_SDK_DISABLED…): a run made with any of them is an experiment, and its line says so.
    /// </summary>
    public static JsonObject TuningVariables()
    {
        var variables = new JsonObject();
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Order(StringComparer.Ordinal))
        {
            var tuning = name.StartsWith("OTEL_", StringComparison.Ordinal)
                || name == RelayUnderTest.DashboardVariable
                || (name.StartsWith("DOTNET_", StringComparison.Ordinal) && !s_toolingPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)));
            if (tuning)
            {
                variables[name] = Environment.GetEnvironmentVariable(name);
            }
        }

        return variables;
    }

    // The bench runs from the repository (scripts/bench cds there); its own output folder is the fallback.
    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Relay.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the bench from inside the Relay repository: Relay.sln was not found above the current folder.");
    }

    private static string? BuildMetadata(string key) =>
        typeof(RunEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(attribute => attribute.Key == key)?.Value;

    private static string? Git(string root, string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", arguments) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
            using var git = Process.Start(start)!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
