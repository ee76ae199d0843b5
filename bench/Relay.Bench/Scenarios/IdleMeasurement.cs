using System.Text.Json.Nodes;

namespace Relay.Bench.Scenarios;

/// <summary>One server's resident set before and after N idle sockets, in KiB.</summary>
internal sealed record IdleMeasurement(string Server, long BeforeKiB, long AfterKiB, int Sockets, int StillOpen)
{
    public double PerSocketKiB => (double)(AfterKiB - BeforeKiB) / Sockets;

    public JsonObject ToJson() => new()
    {
        ["server"] = Server,
        ["rssBeforeKiB"] = BeforeKiB,
        ["rssAfterKiB"] = AfterKiB,
        ["rssDeltaKiB"] = AfterKiB - BeforeKiB,
        ["perSocketKiB"] = Math.Round(PerSocketKiB, 2),
        ["stillOpen"] = StillOpen,
    };
}
