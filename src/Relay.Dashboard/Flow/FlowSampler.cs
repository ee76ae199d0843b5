using Relay.Contracts;
using Relay.Dashboard.Api;
using Relay.Dashboard.Storage;

namespace Relay.Dashboard.Flow;

/// <summary>Reads Relay's instruments (docs/telemetry.md) of every resource from the metric store.</summary>
internal static class FlowSampler
{
    /// <summary>Runs under the store's lock: it only reads the window's points and copies what it returns.</summary>
    public static List<FlowSample> Sample(MetricStore store, long sinceUnixNano) =>
        store.Query(service: null, (resource, instruments) =>
        {
            double published = 0, failures = 0, received = 0, delivered = 0;
            double? connections = null;
            HistogramBuckets? lag = null;
            foreach (var instrument in instruments)
            {
                switch (instrument.Descriptor.Name)
                {
                    case RelayInstruments.MessagesPublished:
                        published += FlowWindow.Rate(instrument, sinceUnixNano);
                        break;
                    case RelayInstruments.PublishFailures:
                        failures += FlowWindow.Rate(instrument, sinceUnixNano);
                        break;
                    case RelayInstruments.MessagesReceived:
                        received += FlowWindow.Rate(instrument, sinceUnixNano);
                        break;
                    case RelayInstruments.MessagesDelivered:
                        delivered += FlowWindow.Rate(instrument, sinceUnixNano);
                        break;
                    case RelayInstruments.ConnectionsOpen:
                        connections = FlowWindow.Latest(instrument, sinceUnixNano) is { } open ? (connections ?? 0) + open : connections;
                        break;
                    case RelayInstruments.DeliveryLag:
                        lag = FlowWindow.Recorded(instrument, sinceUnixNano) ?? lag;
                        break;
                }
            }

            return new FlowSample(resource.Service, resource.Instance, published, failures, received, delivered, connections, lag);
        });
}
