namespace Relay.Tests.Infrastructure;

/// <summary>Every wait in the tests is bounded by one of these.</summary>
internal static class TestTimeouts
{
    /// <summary>Starting a whole app: build is done, six processes start and report healthy.</summary>
    public static readonly TimeSpan AppStart = TimeSpan.FromSeconds(120);

    /// <summary>One step of a test: a request, a frame, a page update.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(15);

    /// <summary>Recovery after a fault (Redis back, a process restarted).</summary>
    public static readonly TimeSpan Recovery = TimeSpan.FromSeconds(45);

    public static CancellationToken After(TimeSpan timeout) => new CancellationTokenSource(timeout).Token;
}
