using System.Diagnostics.Metrics;
using Relay.Contracts;
using Relay.WsBackend.Connections;
using Relay.WsBackend.Flow;
using Relay.WsBackend.Presence;
using Relay.WsBackend.Security;

namespace Relay.WsBackend.Telemetry;

/// <summary>
/// The replica's instruments (docs/telemetry.md), under the <c>Relay.WsBackend</c> meter that ServiceDefaults
/// exports. None has per-message tags; only recoveries carry their two-valued result. Replicas are told apart by the
/// resource's <c>service.instance.id</c>. Nothing here costs an instrument call per socket and message: a delivery
/// is one Interlocked add (the delivered counter is observed from the flow figures' count), and the lag histogram
/// is recorded once per message per replica.
/// </summary>
internal sealed class WsBackendMetrics
{
    public const string MeterName = "Relay.WsBackend";

    // Loopback deliveries take a few milliseconds; the default buckets (0, 5, 10, 25…) would lump them all together.
    private static readonly double[] s_lagBuckets = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000];

    private readonly TimeProvider _timeProvider;
    private readonly FlowFigures _flow;
    private readonly Counter<long> _received;
    private readonly Counter<long> _slowConsumersClosed;
    private readonly Histogram<double> _deliveryLag;
    private readonly Counter<long> _recoveries;
    private readonly Counter<long> _gapRepairs;
    private readonly Counter<long> _refusals;

    public WsBackendMetrics(
        IMeterFactory meterFactory, ConnectionTracker connections, RedisPresenceTracker presence, FlowFigures flow, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _flow = flow;
        var meter = meterFactory.Create(MeterName);
        _received = meter.CreateCounter<long>(
            RelayInstruments.MessagesReceived, "{message}", "Messages received from Redis.");
        meter.CreateObservableCounter(
            RelayInstruments.MessagesDelivered, () => flow.DeliveredTotal, "{message}", "Message frames written to a socket (one per socket).");
        meter.CreateObservableUpDownCounter(
            RelayInstruments.ConnectionsOpen, () => connections.Count, "{connection}", "Open WebSockets.");
        meter.CreateObservableUpDownCounter(
            RelayInstruments.PresenceMembers, () => presence.MemberCount, "{member}", "Presence members this replica holds (named connection × channel).");
        _slowConsumersClosed = meter.CreateCounter<long>(
            RelayInstruments.SlowConsumerClosed, "{connection}", "Sockets closed with 4008 because their send queue overflowed.");
        _deliveryLag = meter.CreateHistogram(
            RelayInstruments.DeliveryLag, "ms", "From the message's publishedAt to its frame queued on every socket of this replica that follows its channel.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_lagBuckets });
        _recoveries = meter.CreateCounter<long>(
            RelayInstruments.Recoveries, "{subscribe}", "Subscribes with a position: recovered (every later message replayed) or not.");
        _gapRepairs = meter.CreateCounter<long>(
            RelayInstruments.GapRepairs, "{message}", "Messages pub/sub lost for this replica, delivered from the channel's history.");
        _refusals = meter.CreateCounter<long>(
            RelayInstruments.Refusals, "{refusal}", "Upgrades refused, frames refused and connections closed by a security check or a limit, by reason.");
    }

    public void MessageReceived()
    {
        _received.Add(1);
        _flow.Received();
    }

    /// <summary>A message frame was written to one socket; <paramref name="publishedAtUtcTicks"/> is its publishedAt.</summary>
    public void MessageDelivered(long publishedAtUtcTicks) => _flow.Delivered(LagTicks(publishedAtUtcTicks));

    /// <summary>A message was queued on every local socket following its channel (once per message and replica).</summary>
    public void MessageFannedOut(long publishedAtUtcTicks) =>
        _deliveryLag.Record((double)LagTicks(publishedAtUtcTicks) / TimeSpan.TicksPerMillisecond);

    // publishedAt comes from the Api's clock: skew between hosts could make the difference negative.
    private long LagTicks(long publishedAtUtcTicks) => Math.Max(0, _timeProvider.GetUtcNow().UtcTicks - publishedAtUtcTicks);

    public void SlowConsumerClosed() => _slowConsumersClosed.Add(1);

    public void Recovery(bool recovered) =>
        _recoveries.Add(1, new KeyValuePair<string, object?>(RelayInstruments.RecoveryResultTag, recovered ? "recovered" : "not_recovered"));

    public void GapRepaired(int messages) => _gapRepairs.Add(messages);

    public void Refused(RefusalReason reason) =>
        _refusals.Add(1, new KeyValuePair<string, object?>(RelayInstruments.RefusalReasonTag, Tag(reason)));

    private static string Tag(RefusalReason reason) => reason switch
    {
        RefusalReason.Origin => "origin",
        RefusalReason.TokenMissing => "token_missing",
        RefusalReason.TokenInvalid => "token_invalid",
        RefusalReason.NameMismatch => "name_mismatch",
        RefusalReason.ChannelForbidden => "channel_forbidden",
        RefusalReason.AddressLimit => "address_limit",
        RefusalReason.TokenExpired => "token_expired",
        RefusalReason.RefreshForbidden => "refresh_forbidden",
        RefusalReason.RefreshInvalid => "refresh_invalid",
        RefusalReason.SubscribeForbidden => "subscribe_forbidden",
        RefusalReason.TooManyFrames => "too_many_frames",
        _ => "other",
    };
}
