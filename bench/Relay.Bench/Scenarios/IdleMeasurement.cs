using System.Text.Json.Nodes;

namespace Relay.Bench.Scenarios;

/// <summary>
/// One server's resident set before and after N idle sockets, and its live GC heap (null when not measured), in KiB.
/// </summary>
internal sealed record IdleMeasurement(string Server, long BeforeKiB, long AfterKiB, long? HeapBeforeKiB, long? HeapAfterKiB, int Sockets, int StillOpen)
{
    public double PerSocketKiB => (double)(AfterKiB - BeforeKiB) / Sockets;

    public double? HeapPerSocketKiB => HeapAfterKiB - HeapBeforeKiB is { } delta ? (double)delta / Sockets : null;

    public JsonObject ToJson() => new()
    {
        ["server"] = Server,
        ["rssBeforeKiB"] = BeforeKiB,
        ["rssAfterKiB"] = AfterKiB,
        ["rssDeltaKiB"] = AfterKiB - BeforeKiB,
        ["perSocketKiB"] = Math.Round(PerSocketKiB, 2),
        ["heapBeforeKiB"] = HeapBeforeKiB,
        ["heapAfterKiB"] = HeapAfterKiB,
        ["heapPerSocketKiB"] = HeapPerSocketKiB is { } heap ? Math.Round(heap, 2) : null,
        ["stillOpen"] = StillOpen,
    };
}
