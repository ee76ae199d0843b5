using System.Diagnostics;

namespace Relay.Bench.Measurement;

/// <summary>
/// The one timebase of the whole process: <see cref="Stopwatch"/> timestamps (monotonic, nanoseconds on Linux).
/// A publisher's send stamp and a subscriber's receive stamp are comparable because both come from here.
/// </summary>
internal static class BenchClock
{
    public static long Now => Stopwatch.GetTimestamp();

    public static long Microseconds(long fromTimestamp, long toTimestamp) =>
        (toTimestamp - fromTimestamp) * 1_000_000 / Stopwatch.Frequency;

    /// <summary>The timestamp <paramref name="seconds"/> after <paramref name="timestamp"/>.</summary>
    public static long After(long timestamp, double seconds) => timestamp + (long)(seconds * Stopwatch.Frequency);
}
