namespace Relay.Dashboard.Hosting;

/// <summary>What changed since the last live-update event.</summary>
[Flags]
internal enum ChangeKinds
{
    None = 0,
    Traces = 1,
    Logs = 2,
    Metrics = 4,
    Resources = 8,
    Console = 16,
}
