namespace Relay.Dashboard.Api;

/// <summary>OTLP severity numbers by level: each level spans four numbers (TRACE 1-4 … FATAL 21-24).</summary>
internal static class LogLevels
{
    private static readonly string[] Names = ["trace", "debug", "information", "warning", "error", "critical"];

    /// <summary>Accepts .NET and OpenTelemetry level names; empty means every level.</summary>
    public static bool TryParseMinimum(string? level, out int minimumSeverity)
    {
        minimumSeverity = level?.ToLowerInvariant() switch
        {
            null or "" => 0,
            "trace" => 1,
            "debug" => 5,
            "information" or "info" => 9,
            "warning" or "warn" => 13,
            "error" => 17,
            "critical" or "fatal" => 21,
            _ => -1,
        };
        return minimumSeverity >= 0;
    }

    public static string Name(int severityNumber, string? severityText) =>
        severityNumber is >= 1 and <= 24 ? Names[(severityNumber - 1) / 4] : severityText?.ToLowerInvariant() ?? "unspecified";
}
