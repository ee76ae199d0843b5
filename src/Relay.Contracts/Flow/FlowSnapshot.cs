using System.Text.Json.Serialization;

namespace Relay.Contracts.Flow;

/// <summary>
/// What one instance writes to <see cref="RelayKeys.FlowNode(string)"/> every <see cref="FlowLimits.Interval"/>.
/// <see cref="Window"/> is what it counted over the last <see cref="WindowSeconds"/> (0 in its first write), so a
/// reader gets a rate from one read, whenever it reads. <see cref="Latency"/> is the delivery latency of that window
/// as counts per <see cref="FlowLatency"/> bucket (WsBackend only). <see cref="Total"/> counts since the process started.
/// </summary>
public sealed record FlowSnapshot(
    string Service,
    string Instance,
    [property: JsonConverter(typeof(UtcMillisecondsJsonConverter))] DateTimeOffset TakenAt,
    double WindowSeconds,
    FlowCounts Total,
    FlowCounts Window,
    int Connections,
    long[]? Latency = null);
