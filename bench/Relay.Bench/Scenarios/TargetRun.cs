using System.Text.Json.Nodes;
using Relay.Bench.Reporting;

namespace Relay.Bench.Scenarios;

/// <summary>One target's measurement within a run: what ran, its figures (the JSON line's) and its table.</summary>
internal sealed record TargetRun(string Target, string Build, JsonObject Figures, ResultTable Table)
{
    /// <summary>
    /// The run's report: with one target, that target's figures and table, as before there were peers; with several
    /// (<c>--target all</c>), the figures under <c>targets.&lt;name&gt;</c> and the <paramref name="comparison"/> table
    /// (each target's own table was printed as it finished).
    /// </summary>
    public static ScenarioReport Report(string scenario, JsonObject parameters, IReadOnlyList<TargetRun> runs, Func<ResultTable> comparison)
    {
        if (runs.Count == 1)
        {
            parameters["servicesBuild"] = runs[0].Build;
            return new ScenarioReport(scenario, parameters, runs[0].Figures, runs[0].Table);
        }

        parameters["servicesBuild"] = new JsonObject(runs.Select(run => KeyValuePair.Create(run.Target, (JsonNode?)run.Build)));
        var figures = new JsonObject
        {
            ["targets"] = new JsonObject(runs.Select(run => KeyValuePair.Create(run.Target, (JsonNode?)run.Figures))),
        };
        return new ScenarioReport(scenario, parameters, figures, comparison());
    }

    /// <summary>A number of the figures, whatever numeric type it was stored as.</summary>
    public static double Number(JsonNode? node) =>
        double.Parse(node?.ToJsonString() ?? "NaN", System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Figures of <c>cpuPerMessage</c>, "a / b / c µs" ("–" for those the stack lacks).</summary>
    public static string PerMessage(JsonObject figures, params string[] names) =>
        string.Join(" / ", names.Select(name => figures["cpuPerMessage"]?[name] is { } value ? FormattableString.Invariant($"{Number(value):F1}") : "–")) + " µs";

    /// <summary><paramref name="value"/> as a multiple of <paramref name="reference"/> ("1.00×"), or "–" without one.</summary>
    public static string Ratio(double value, double? reference) =>
        reference is > 0 ? FormattableString.Invariant($"{value / reference.Value:F2}×") : "–";
}
