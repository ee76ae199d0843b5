using System.Diagnostics.Metrics;
using Relay.WsBackend.Connections;

namespace Relay.WsBackend.Telemetry;

/// <summary>The replica's own instruments, under the <c>Relay.WsBackend</c> meter that ServiceDefaults exports.</summary>
internal sealed class WsBackendMetrics
{
    public const string MeterName = "Relay.WsBackend";

    private readonly Counter<long> _messages;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _slowConsumers;

    public WsBackendMetrics(IMeterFactory meterFactory, ConnectionTracker connections)
    {
        var meter = meterFactory.Create(MeterName);
        _messages = meter.CreateCounter<long>("relay.wsbackend.messages", "{message}", "Messages received from Redis.");
        _deliveries = meter.CreateCounter<long>("relay.wsbackend.deliveries", "{frame}", "Message frames queued on sockets.");
        _slowConsumers = meter.CreateCounter<long>("relay.wsbackend.slow_consumers", "{connection}", "Sockets closed with 4008 because their send queue overflowed.");
        meter.CreateObservableUpDownCounter("relay.wsbackend.connections", () => connections.Count, "{connection}", "Open WebSockets.");
    }

    public void MessageFannedOut(int subscribers)
    {
        _messages.Add(1);
        _deliveries.Add(subscribers);
    }

    public void SlowConsumerClosed() => _slowConsumers.Add(1);
}
