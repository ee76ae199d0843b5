using System.Diagnostics;

namespace Relay.WsBackend.Connections;

/// <summary>
/// A token bucket of client frames in two fields (16 bytes inside its connection): at most a burst at once, refilled at
/// a steady rate. Not thread-safe: one receive loop owns it.
/// </summary>
internal struct FrameAllowance
{
    private double _frames;
    private long _at;

    /// <summary>Full: a new connection may send its whole burst at once.</summary>
    public static FrameAllowance Full() => new() { _frames = double.MaxValue, _at = Stopwatch.GetTimestamp() };

    /// <summary>Takes one frame, refilled at <paramref name="perSecond"/> up to <paramref name="burst"/>; false when none is left.</summary>
    public bool TryTake(int perSecond, int burst)
    {
        var now = Stopwatch.GetTimestamp();
        var frames = Math.Min(burst, _frames + ((double)(now - _at) * perSecond / Stopwatch.Frequency));
        _at = now;
        _frames = frames >= 1 ? frames - 1 : frames;
        return frames >= 1;
    }
}
