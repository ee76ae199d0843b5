using System.Reflection;
using System.Runtime.Versioning;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Runs the projects from their build output instead of under <c>dotnet run</c>.</summary>
public static class BuildOutputExtensions
{
    /// <summary>
    /// Run mode: each project runs as its built executable (<c>bin/{Configuration}/{tfm}/{Name}</c>, which building the
    /// AppHost has just built) rather than Aspire's default <c>dotnet run --project … --no-build</c>. DCP stops a process
    /// with SIGINT, which <c>dotnet run</c> does not pass on: every service waited out DCP's 10 s before it was killed,
    /// so Ctrl+C took 16 s, and each replica carried a 130 MB <c>dotnet run</c> process beside it. A project whose
    /// executable is not there (not built yet) keeps <c>dotnet run</c>.
    /// </summary>
    public static IDistributedApplicationBuilder RunProjectsFromBuildOutput(this IDistributedApplicationBuilder builder)
    {
        if (!builder.ExecutionContext.IsRunMode)
        {
            return builder;
        }

        var configuration = typeof(BuildOutputExtensions).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var framework = new FrameworkName(AppContext.TargetFrameworkName ?? ".NETCoreApp,Version=v10.0");
        var tfm = $"net{framework.Version.Major}.{framework.Version.Minor}";
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            foreach (var project in @event.Model.Resources.OfType<ProjectResource>())
            {
                var projectPath = project.GetProjectMetadata().ProjectPath;
                var directory = Path.GetDirectoryName(projectPath)!;
                var executable = Path.Combine(directory, "bin", configuration, tfm, Path.GetFileNameWithoutExtension(projectPath));
                if (File.Exists(executable) && !project.HasAnnotationOfType<ExecutableAnnotation>())
                {
                    project.Annotations.Add(new ExecutableAnnotation { Command = executable, WorkingDirectory = directory });
                }
            }

            return Task.CompletedTask;
        });
        return builder;
    }
}
