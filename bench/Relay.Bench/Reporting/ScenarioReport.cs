using System.Text.Json.Nodes;

namespace Relay.Bench.Reporting;

/// <summary>What a scenario run produced: its parameters and figures (for the JSON line) and its printed table.</summary>
internal sealed record ScenarioReport(string Scenario, JsonObject Parameters, JsonObject Figures, ResultTable Table);
