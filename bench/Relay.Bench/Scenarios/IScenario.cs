using Relay.Bench.Reporting;

namespace Relay.Bench.Scenarios;

/// <summary>One benchmark: it starts what it measures, measures, stops everything, and reports.</summary>
internal interface IScenario
{
    /// <summary>The subcommand, and the name of its results file.</summary>
    string Name { get; }

    Task<ScenarioReport> RunAsync(RunEnvironment environment, CancellationToken cancellationToken);
}
