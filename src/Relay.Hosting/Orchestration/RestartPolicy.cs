namespace Relay.Hosting.Orchestration;

/// <summary>How the engine brings back an instance whose process exited when nobody asked it to stop.</summary>
/// <param name="InitialBackoff">The wait before the first restart of a streak of failures; doubled for each further one.</param>
/// <param name="MaxBackoff">The longest wait between restarts.</param>
/// <param name="MaxRestartsInARow">Restarts in a row after which a crashed instance stays Exited; 0 turns restarts off.</param>
internal sealed record RestartPolicy(TimeSpan InitialBackoff, TimeSpan MaxBackoff, int MaxRestartsInARow)
{
    /// <summary>A process that ran this long was fine: its crash starts a new streak, with the initial backoff.</summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <param name="failuresInARow">1 for the first failure of a streak.</param>
    public bool AllowsRestart(int failuresInARow) => failuresInARow <= MaxRestartsInARow;

    /// <summary>1 s, 2 s, 4 s … (with the defaults) before the first, second, third restart in a row, capped.</summary>
    public TimeSpan BackoffBefore(int failuresInARow)
    {
        // The exponent is bounded so that a long streak cannot overflow the double.
        var seconds = InitialBackoff.TotalSeconds * Math.Pow(2, Math.Clamp(failuresInARow - 1, 0, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxBackoff.TotalSeconds));
    }
}
