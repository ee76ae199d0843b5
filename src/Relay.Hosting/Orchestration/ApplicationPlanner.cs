using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Relay.Hosting.ApplicationModel;
using Relay.Hosting.Dashboard;
using Relay.Hosting.Processes;
using Relay.Hosting.Redis;

namespace Relay.Hosting.Orchestration;

/// <summary>
/// Decides at Build everything that must stay the same for the app's lifetime: ports, Redis password,
/// dashboard secrets, commands and injected environment. Every declared port and the Redis executable are
/// checked here, before anything starts; all such problems are reported together.
/// </summary>
internal sealed class ApplicationPlanner(
    IReadOnlyList<IResource> resources,
    IConfiguration configuration,
    string environmentName,
    bool isTesting,
    RelayHostingOptions options)
{
    private const string ProjectType = "Project";
    private const string RedisType = "Redis";

    private readonly PortAllocator _ports = new();
    private readonly List<string> _errors = [];

    public ApplicationPlan Plan()
    {
        // First, so that it is ready before any resource starts and its port errors come first.
        var dashboard = DashboardPlanner.Plan(configuration, isTesting, _ports, _errors);
        var depths = WaitGraph.ComputeDepths(resources);
        var redisEndpoints = new Dictionary<string, (RedisEndpoint Endpoint, bool IsExternal)>(StringComparer.Ordinal);
        var projectPorts = new Dictionary<string, int[]>(StringComparer.Ordinal);
        string? redisExecutable = null;

        foreach (var resource in resources)
        {
            switch (resource)
            {
                case ProjectResource project:
                    projectPorts[project.Name] = AllocateProjectPorts(project);
                    break;
                case RedisResource redis when configuration.GetConnectionString(redis.Name) is { Length: > 0 } external:
                    redisEndpoints[redis.Name] = (RedisEndpoint.TryParse(external) ?? throw new DistributedApplicationException(
                        $"ConnectionStrings:{redis.Name} is not a Redis connection string (host:port,password=...)."), true);
                    break;
                case RedisResource redis:
                    redisExecutable ??= ExecutableLocator.FindOnPath(RedisServerCommand.ExecutableName);
                    if (redisExecutable is null)
                    {
                        if (!_errors.Contains(RedisServerCommand.NotFoundMessage))
                        {
                            _errors.Add(RedisServerCommand.NotFoundMessage);
                        }

                        break;
                    }

                    var port = ClaimOrAllocate(redis.Name, isTesting ? null : RelayHostingOptions.ReadPort(configuration, redis.Name));
                    redisEndpoints[redis.Name] = (new RedisEndpoint("127.0.0.1", port, null, RandomNumberGenerator.GetHexString(32, lowercase: true)), false);
                    break;
                default:
                    throw new DistributedApplicationException($"'{resource.Name}' is a {resource.GetType().Name}, which Relay cannot run.");
            }
        }

        if (_errors.Count > 0)
        {
            throw new DistributedApplicationException(string.Join(Environment.NewLine, _errors));
        }

        return new ApplicationPlan(
            [.. resources.Select(resource => resource switch
            {
                ProjectResource project => PlanProject(project, projectPorts, redisEndpoints, dashboard?.Endpoints, depths[project.Name]),
                _ => PlanRedis(resource, redisEndpoints[resource.Name], redisExecutable, depths[resource.Name]),
            })],
            dashboard);
    }

    private int[] AllocateProjectPorts(ProjectResource project)
    {
        var replicas = project.GetReplicas();
        var declared = isTesting ? null : RelayHostingOptions.ReadPort(configuration, project.Name) ?? project.GetLast<EndpointAnnotation>()?.Port;
        if (declared is not null && replicas > 1)
        {
            throw new DistributedApplicationException(
                $"'{project.Name}' has {replicas} replicas, which cannot share port {declared}: give it no port (WithHttpEndpoint()) so each replica gets its own.");
        }

        return [.. Enumerable.Range(0, replicas).Select(_ => ClaimOrAllocate(project.Name, declared))];
    }

    private int ClaimOrAllocate(string resource, int? declared)
    {
        if (declared is not { } port)
        {
            return _ports.AllocateFree();
        }

        if (!_ports.TryClaim(port))
        {
            _errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"Port {port} for '{resource}' is already in use. Stop what listens there, or give '{resource}' another port with the setting {RelayHostingOptions.PortsSectionName}:{resource} (e.g. Ports__{resource}=6100, or dotnet run -- --Ports:{resource}=6100)."));
        }

        return port;
    }

    private ResourcePlan PlanProject(
        ProjectResource project,
        Dictionary<string, int[]> projectPorts,
        Dictionary<string, (RedisEndpoint Endpoint, bool IsExternal)> redisEndpoints,
        DashboardEndpoints? dashboard,
        int depth)
    {
        var healthPath = project.GetLast<HealthCheckAnnotation>()?.Path;
        var workingDirectory = Path.GetDirectoryName(project.Project.ProjectPath) ?? Environment.CurrentDirectory;
        var instances = projectPorts[project.Name].Select((port, replica) =>
        {
            var name = InstanceName(project.Name, replica);
            var endpoint = LoopbackHttp(port);
            var environment = ProjectEnvironment(project, name, endpoint, projectPorts, redisEndpoints, dashboard);
            var command = new ProcessCommand(DotnetHost.Path, [project.Project.TargetPath], workingDirectory, environment);
            IHealthProbe probe = healthPath is null ? RunningIsHealthyProbe.Instance : new HttpHealthProbe(new Uri(endpoint, healthPath));
            return new InstancePlan(name, replica, endpoint, command, environment, probe);
        });

        var isExternal = project.GetLast<EndpointAnnotation>()?.IsExternal ?? false;
        return new ResourcePlan(project, ProjectType, [.. instances], null, IsExternal: false, isExternal, WaitGraph.WaitsFor(project), depth);
    }

    private Dictionary<string, string> ProjectEnvironment(
        ProjectResource project,
        string instanceName,
        Uri endpoint,
        Dictionary<string, int[]> projectPorts,
        Dictionary<string, (RedisEndpoint Endpoint, bool IsExternal)> redisEndpoints,
        DashboardEndpoints? dashboard)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [InjectedVariables.Urls] = endpoint.GetLeftPart(UriPartial.Authority),
            [InjectedVariables.AspNetCoreEnvironment] = environmentName,
            [InjectedVariables.DotnetEnvironment] = environmentName,
        };

        foreach (var target in project.Annotations.OfType<ReferenceAnnotation>().Select(reference => reference.Target))
        {
            if (projectPorts.TryGetValue(target.Name, out var ports))
            {
                for (var replica = 0; replica < ports.Length; replica++)
                {
                    environment[InjectedVariables.ServiceEndpoint(target.Name, replica)] = LoopbackHttp(ports[replica]).GetLeftPart(UriPartial.Authority);
                }
            }
            else if (redisEndpoints.TryGetValue(target.Name, out var redis))
            {
                environment[InjectedVariables.ConnectionString(target.Name)] = redis.IsExternal
                    ? configuration.GetConnectionString(target.Name)!
                    : redis.Endpoint.ToConnectionString();
            }
            else
            {
                throw new DistributedApplicationException($"'{project.Name}' references '{target.Name}', which is not part of this app.");
            }
        }

        environment[InjectedVariables.OtelServiceName] = project.Name;
        environment[InjectedVariables.OtelResourceAttributes] = InjectedVariables.ServiceInstanceId(instanceName);
        environment[InjectedVariables.ConsoleFormatterName] = "simple";
        environment[InjectedVariables.ConsoleSingleLine] = "true";
        environment[InjectedVariables.DotnetNoLogo] = "1";
        if (dashboard is not null)
        {
            foreach (var (name, value) in InjectedVariables.OtlpExporter(dashboard))
            {
                environment[name] = value;
            }
        }

        return environment;
    }

    private ResourcePlan PlanRedis(IResource redis, (RedisEndpoint Endpoint, bool IsExternal) planned, string? executable, int depth)
    {
        var (endpoint, isExternal) = planned;
        var command = isExternal
            ? null
            : RedisServerCommand.Create(executable!, endpoint.Port, endpoint.Password!, RedisDataDirectory(redis));
        var instance = new InstancePlan(InstanceName(redis.Name, 0), 0, endpoint.Uri, command, new Dictionary<string, string>(), new RedisHealthProbe(endpoint));
        var connectionString = isExternal ? configuration.GetConnectionString(redis.Name) : endpoint.ToConnectionString();
        return new ResourcePlan(redis, RedisType, [instance], connectionString, isExternal, HasExternalEndpoints: false, WaitGraph.WaitsFor(redis), depth);
    }

    // Run mode keeps Redis's data in the state folder. The test host keeps nothing, unless a test names a state
    // folder (Relay:StateDirectory) to prove what survives a Redis restart.
    private string? RedisDataDirectory(IResource redis) =>
        isTesting && string.IsNullOrEmpty(configuration[RelayHostingOptions.StateDirectoryKey])
            ? null
            : Path.Combine(options.StateDirectory, "data", redis.Name);

    private static string InstanceName(string resource, int replica) => string.Create(CultureInfo.InvariantCulture, $"{resource}-{replica}");

    private static Uri LoopbackHttp(int port) => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
}
