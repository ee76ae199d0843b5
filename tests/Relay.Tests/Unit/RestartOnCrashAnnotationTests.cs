namespace Relay.Tests.Unit;

/// <summary>The backoff of Relay's restart-on-crash extension.</summary>
public sealed class RestartOnCrashAnnotationTests
{
    private static readonly RestartOnCrashAnnotation Defaults =
        new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), MaxInARow: 10, StableAfter: TimeSpan.FromSeconds(60));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(10, 30)]
    [InlineData(64, 30)]
    public void DelayBefore_DoublesPerCrashInARow_UpToTheCap(int inARow, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Defaults.DelayBefore(inARow));

    [Fact]
    public void DelayBefore_AFirstDelayAboveTheCap_IsTheCap() =>
        Assert.Equal(TimeSpan.FromSeconds(2), (Defaults with { FirstDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromSeconds(2) }).DelayBefore(1));
}
