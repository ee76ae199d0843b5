using Relay.Bench.Cli;
using Relay.Bench.Reporting;

namespace Relay.Bench.Hosting;

/// <summary>The <c>--target</c> choices, and starting one.</summary>
internal static class Targets
{
    public const string Relay = "relay";

    /// <summary>Relay on the AppHost's local Redis Cluster (<see cref="ClusterAppHostArguments"/>) instead of one redis-server.</summary>
    public const string RelayCluster = "relay-cluster";

    public const string Node = "node";
    public const string SignalR = "signalr";
    public const string All = "all";

    /// <summary>The order of <see cref="All"/>: each stack alone on the machine, one after the other.</summary>
    public static readonly string[] Each = [Relay, Node, SignalR];

    /// <summary>What <c>--target</c> accepts, alone or in a comma-separated list.</summary>
    public static readonly string[] Choices = [Relay, RelayCluster, Node, SignalR, All];

    /// <summary>Three masters with a replica each: the smallest cluster that fails over (six redis-server processes).</summary>
    public static readonly string[] ClusterAppHostArguments = ["--Relay:RedisCluster:Masters=3", "--Relay:RedisCluster:ReplicasPerMaster=1"];

    /// <summary>Relay itself, on one Redis or on a cluster (fan-out's <c>--via</c> applies to these only).</summary>
    public static bool IsRelay(string target) => target is Relay or RelayCluster;

    /// <summary>
    /// <c>--target</c>'s value, a comma-separated list (<c>relay,relay-cluster</c>), <see cref="All"/> expanded in
    /// place: the targets in the order they run, each at most once.
    /// </summary>
    public static string[] Parse(string value)
    {
        var names = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var unknown = names.Where(name => !Choices.Contains(name, StringComparer.Ordinal)).ToArray();
        if (names.Length == 0 || unknown.Length > 0)
        {
            throw new UsageException($"--target takes one or more of {string.Join(", ", Choices)}, comma-separated; got '{value}'.");
        }

        var targets = names.SelectMany(name => name == All ? Each : [name]).ToArray();
        return targets.Length == targets.Distinct(StringComparer.Ordinal).Count()
            ? targets
            : throw new UsageException($"--target names a stack twice: '{value}'.");
    }

    /// <param name="relayVia">How Relay's subscribers connect (fan-out's <c>--via</c>).</param>
    public static async Task<ITargetStack> StartAsync(string target, RunEnvironment environment, string scenario, string relayVia, CancellationToken cancellationToken)
    {
        var logFolder = Path.Combine(environment.ResultsFolder, "logs", scenario, target);
        Console.WriteLine($"Starting {target}…");
        return target switch
        {
            Relay => new RelayTarget(target, await RelayUnderTest.StartAsync(logFolder, cancellationToken), relayVia),
            RelayCluster => new RelayTarget(
                target, await RelayUnderTest.StartAsync(logFolder, cancellationToken, appHostArguments: ClusterAppHostArguments), relayVia),
            Node => await NodeStack.StartAsync(Path.Combine(environment.RepositoryRoot, "bench", "peers", "node-stack"), logFolder, cancellationToken),
            SignalR => await SignalRStack.StartAsync(logFolder, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Not a target."),
        };
    }
}
