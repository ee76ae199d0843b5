using Relay.Bench.Reporting;

namespace Relay.Bench.Hosting;

/// <summary>The <c>--target</c> choices, and starting one.</summary>
internal static class Targets
{
    public const string Relay = "relay";
    public const string Node = "node";
    public const string SignalR = "signalr";
    public const string All = "all";

    /// <summary>The order of <see cref="All"/>: each stack alone on the machine, one after the other.</summary>
    public static readonly string[] Each = [Relay, Node, SignalR];

    public static string[] Expand(string target) => target == All ? Each : [target];

    /// <param name="relayVia">How Relay's subscribers connect (fan-out's <c>--via</c>).</param>
    public static async Task<ITargetStack> StartAsync(string target, RunEnvironment environment, string scenario, string relayVia, CancellationToken cancellationToken)
    {
        var logFolder = Path.Combine(environment.ResultsFolder, "logs", scenario, target);
        Console.WriteLine($"Starting {target}…");
        return target switch
        {
            Relay => new RelayTarget(await RelayUnderTest.StartAsync(logFolder, cancellationToken), relayVia),
            Node => await NodeStack.StartAsync(Path.Combine(environment.RepositoryRoot, "bench", "peers", "node-stack"), logFolder, cancellationToken),
            SignalR => await SignalRStack.StartAsync(logFolder, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Not a target."),
        };
    }
}
