namespace Relay.Contracts.Flow;

/// <summary>
/// Turns an instance's successive cumulative readings into snapshots of the window between them. Cumulative
/// readings need no reset, so a count that races the reading lands in this window or the next, never nowhere.
/// </summary>
public sealed class FlowWindow(string service, string instance, TimeProvider timeProvider)
{
    private FlowReading? _previous;

    /// <summary>The instance's member of <see cref="RelayKeys.FlowNodes"/>, <c>&lt;service&gt;:&lt;instance&gt;</c>.</summary>
    public string Node { get; } = RelayKeys.FlowNodeName(service, instance);

    /// <summary>The snapshot of the window since the previous reading; an empty window for the first one.</summary>
    public FlowSnapshot Next(FlowReading current)
    {
        var previous = _previous ?? current;
        _previous = current;
        var seconds = timeProvider.GetElapsedTime(previous.Timestamp, current.Timestamp).TotalSeconds;
        return new FlowSnapshot(
            service,
            instance,
            current.At,
            seconds,
            current.Total,
            current.Total.Minus(previous.Total),
            current.Connections,
            Difference(current.Latency, previous.Latency));
    }

    private static long[]? Difference(long[]? current, long[]? previous)
    {
        if (current is null)
        {
            return null;
        }

        var window = new long[current.Length];
        for (var i = 0; i < window.Length; i++)
        {
            window[i] = current[i] - (previous is not null && i < previous.Length ? previous[i] : 0);
        }

        return window;
    }
}
