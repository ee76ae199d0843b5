namespace Relay.Hosting;

/// <summary>Whether the app runs for a person at a terminal or under the test host.</summary>
public sealed class DistributedApplicationExecutionContext(bool isTesting)
{
    /// <summary>
    /// Under the test host: every port is free and random, Redis keeps nothing on disk, no state folder,
    /// nothing printed to the terminal.
    /// </summary>
    public bool IsTesting { get; } = isTesting;

    public bool IsRunMode => !IsTesting;
}
