using System.Globalization;
using System.Text.Json.Nodes;
using Relay.Bench.Measurement;

namespace Relay.Bench.Clients;

/// <summary>
/// What one wrk run measured, from the <c>relay-bench key=value …</c> line of bench/peers/wrk/ingest.lua's
/// <c>done</c>, plus wrk's own CPU time (the shell's <c>times</c> after it).
/// </summary>
internal sealed record WrkResult(long Requests, double Seconds, long StatusErrors, long SocketErrors, LatencySummary Latency, double MeanMs, TimeSpan WrkCpu)
{
    private const string LinePrefix = "relay-bench ";

    /// <summary>Answers with a 2xx (wrk counts an answer ≥ 400 as a status error; none of the targets redirects).</summary>
    public long Succeeded => Requests - StatusErrors;

    public double SucceededPerSecond => Seconds > 0 ? Succeeded / Seconds : 0;

    /// <summary>Reads wrk's output, or null when the <c>done</c> line is missing (wrk failed).</summary>
    public static WrkResult? Parse(string output, TimeSpan wrkCpu)
    {
        var line = output.Split('\n').FirstOrDefault(text => text.StartsWith(LinePrefix, StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var values = line[LinePrefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToDictionary(pair => pair[0], pair => double.Parse(pair[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        double Ms(string key) => values[key] / 1000;
        return new WrkResult(
            (long)values["requests"],
            values["duration_us"] / 1e6,
            (long)values["status_errors"],
            (long)(values["connect_errors"] + values["read_errors"] + values["write_errors"] + values["timeouts"]),
            new LatencySummary((long)values["requests"], Ms("p50_us"), Ms("p90_us"), Ms("p99_us"), Ms("p999_us"), Ms("max_us")),
            Ms("mean_us"),
            wrkCpu);
    }

    public JsonObject ToJson() => new()
    {
        ["requests"] = Requests,
        ["seconds"] = Math.Round(Seconds, 3),
        ["succeededPerSecond"] = Math.Round(SucceededPerSecond, 1),
        ["statusErrors"] = StatusErrors,
        ["socketErrors"] = SocketErrors,
        ["latency"] = Latency.ToJson(),
        ["meanMs"] = Math.Round(MeanMs, 3),
    };
}
