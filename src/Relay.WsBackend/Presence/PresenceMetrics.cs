using System.Diagnostics.Metrics;
using Relay.Contracts;
using Relay.WsBackend.Telemetry;

namespace Relay.WsBackend.Presence;

/// <summary>Presence's instrument, under the replica's <c>Relay.WsBackend</c> meter (docs/telemetry.md).</summary>
internal sealed class PresenceMetrics
{
    public PresenceMetrics(IMeterFactory meterFactory, RedisPresenceTracker tracker)
    {
        // The factory hands back the replica's one meter of this name, so the instrument sits beside the others.
        var meter = meterFactory.Create(WsBackendMetrics.MeterName);
        meter.CreateObservableUpDownCounter(
            RelayInstruments.PresenceMembers, () => tracker.MemberCount, "{member}", "Presence members this replica holds (named connection × channel).");
    }
}
