using System.Text.Json;
using System.Text.Json.Nodes;

namespace Relay.Bench.Reporting;

/// <summary>Appends one JSON line per run to bench/results/&lt;scenario&gt;.jsonl.</summary>
internal static class ResultLog
{
    public static async Task<string> AppendAsync(RunEnvironment environment, DateTimeOffset startedAt, ScenarioReport report)
    {
        var line = new JsonObject
        {
            ["date"] = startedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["commit"] = environment.Commit,
            ["dirty"] = environment.Dirty,
            ["headAtRun"] = environment.HeadAtRun,
            ["machine"] = environment.ToJson(),
            ["scenario"] = report.Scenario,
            ["parameters"] = report.Parameters,
            ["figures"] = report.Figures,
        };

        Directory.CreateDirectory(environment.ResultsFolder);
        var path = Path.Combine(environment.ResultsFolder, report.Scenario + ".jsonl");
        await File.AppendAllTextAsync(path, line.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) + "\n");
        return path;
    }
}
