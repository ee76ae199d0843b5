namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Marks a resource whose processes are started again when they exit without being asked to (microsoft/aspire #1708):
/// after <see cref="FirstDelay"/>, doubled for each crash in a row up to <see cref="MaxDelay"/>; a process that ran
/// <see cref="StableAfter"/> starts a new streak; after <see cref="MaxInARow"/> restarts in a row it stays down.
/// </summary>
public sealed record RestartOnCrashAnnotation(TimeSpan FirstDelay, TimeSpan MaxDelay, int MaxInARow, TimeSpan StableAfter)
    : IResourceAnnotation
{
    /// <summary>The wait before restart number <paramref name="inARow"/> (1-based) of a streak.</summary>
    public TimeSpan DelayBefore(int inARow) =>
        TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, FirstDelay.Ticks * (1L << Math.Clamp(inARow - 1, 0, 30))));
}
