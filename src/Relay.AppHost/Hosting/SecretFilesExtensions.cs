using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Relay.Contracts;

namespace Aspire.Hosting;

/// <summary>
/// Secrets as files (docs/security.md): every environment variable of a project whose value comes from a secret
/// parameter (an API key, a token secret, a connection string with a password), and the OTLP headers that carry the
/// dashboard's key, is written instead to an owner-only file in a per-run folder, and only that folder's path is in
/// the environment (<see cref="SecretFiles.DirectoryVariable"/>). So no secret shows in the dashboard's environment
/// view, in <c>/proc/&lt;pid&gt;/environ</c> of a service's children, or on a command line. The folder is removed when
/// the AppHost stops. Publish mode is left as it is: a deployment's own secret store takes this role.
/// </summary>
public static class SecretFilesExtensions
{
    // Secrets Aspire itself sets as plain strings: the OTLP headers carry the dashboard's OTLP key (the exporter reads
    // its settings from IConfiguration too), and the dashboard's own keys and browser token. Matched on the last part
    // of the name (DASHBOARD__OTLP__PRIMARYAPIKEY), so ConnectionTokens__Issuer stays a plain variable.
    private static readonly string[] SecretNameParts = ["OTEL_EXPORTER_OTLP_HEADERS", "APIKEY", "TOKEN", "PASSWORD", "SECRET"];

    // The dashboard reads a key-per-file folder of its own (Aspire.Dashboard's DashboardWebApplication).
    private const string DashboardFileConfigDirectory = "ASPIRE_DASHBOARD_FILE_CONFIG_DIRECTORY";

    public static IDistributedApplicationBuilder WithSecretsAsFiles(this IDistributedApplicationBuilder builder)
    {
        if (!builder.ExecutionContext.IsRunMode)
        {
            return builder;
        }

        // Made when a process first needs it; CreateTempSubdirectory makes it owner-only (0700).
        var root = new Lazy<string>(() => Directory.CreateTempSubdirectory("relay-secrets-").FullName);
        builder.Services.AddHostedService(_ => new SecretsFolderCleanup(root));

        // Called after the projects are declared, so this callback comes after theirs and sees every variable they set.
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            project.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
                MoveSecretsAsync(context, Path.Combine(root.Value, project.Name), SecretFiles.DirectoryVariable)));
        }

        // The dashboard joins the model only when the app starts: catch it just before it starts.
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>((startedEvent, _) =>
        {
            if (startedEvent.Resource is IResourceWithEnvironment { Name: AppUrlsReportExtensions.DashboardResourceName } dashboard
                && !dashboard.Annotations.OfType<SecretFilesAnnotation>().Any())
            {
                dashboard.Annotations.Add(new SecretFilesAnnotation());
                dashboard.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
                    MoveSecretsAsync(context, Path.Combine(root.Value, dashboard.Name), DashboardFileConfigDirectory)));
            }

            return Task.CompletedTask;
        });
        return builder;
    }

    private static async Task MoveSecretsAsync(EnvironmentCallbackContext context, string folder, string folderVariable)
    {
        var secrets = context.EnvironmentVariables
            .Where(variable => IsSecretName(variable.Key) || IsSecret(variable.Value, depth: 0))
            .ToList();
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        foreach (var (name, value) in secrets)
        {
            var resolved = value switch
            {
                string text => text,
                IValueProvider provider => await provider.GetValueAsync(context.CancellationToken).ConfigureAwait(false),
                _ => value.ToString(),
            };
            await WriteOwnerOnlyAsync(Path.Combine(folder, name), resolved ?? "", context.CancellationToken).ConfigureAwait(false);
            context.EnvironmentVariables.Remove(name);
        }

        context.EnvironmentVariables[folderVariable] = folder;
    }

    private static bool IsSecretName(string name)
    {
        var last = name[(name.LastIndexOf("__", StringComparison.Ordinal) + 1)..];
        return SecretNameParts.Any(part => last.Contains(part, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsSecret(object? value, int depth) => depth < 8 && value switch
    {
        ParameterResource parameter => parameter.Secret,
        IValueWithReferences withReferences => withReferences.References.Any(reference => IsSecret(reference, depth + 1)),
        _ => false,
    };

    // Replicas share the folder and may start together: each writes a temp file and renames it over the old one.
    private static async Task WriteOwnerOnlyAsync(string path, string value, CancellationToken cancellationToken)
    {
        // "ignore." files are skipped by the key-per-file provider.
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $"ignore.{Path.GetFileName(path)}.{Guid.NewGuid():N}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var file = new StreamWriter(temp, options))
        {
            await file.WriteAsync(value.AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        File.Move(temp, path, overwrite: true);
    }

    private sealed class SecretFilesAnnotation : IResourceAnnotation;

    private sealed class SecretsFolderCleanup(Lazy<string> root) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            try
            {
                if (root.IsValueCreated)
                {
                    Directory.Delete(root.Value, recursive: true);
                }
            }
            catch (IOException)
            {
            }

            return Task.CompletedTask;
        }
    }
}
