namespace Relay.Contracts.Flow;

/// <summary>
/// Turns the instances' snapshots into the flow: sender→api carries what the Api published or failed to publish,
/// api→redis what it published, redis→wsbackend-i what replica i received, wsbackend-i→receivers what it delivered
/// (one per socket). Each instance's rate is its own window's count over that window's length, so the view needs no
/// earlier read and is right whenever it is asked for.
/// </summary>
public static class FlowCalculator
{
    private const double P50 = 0.50;
    private const double P99 = 0.99;

    public static FlowView Compute(IReadOnlyList<FlowSnapshot> snapshots, DateTimeOffset now)
    {
        var apis = snapshots.Where(s => s.Service == ResourceNames.Api).ToList();
        // Shorter ids first, so wsbackend-2 comes before wsbackend-10 and the rows keep their places on the page.
        var backends = snapshots
            .Where(s => s.Service == ResourceNames.WsBackend)
            .OrderBy(s => s.Instance.Length).ThenBy(s => s.Instance, StringComparer.Ordinal)
            .ToList();

        var published = apis.Sum(s => Rate(s, s.Window.Published));
        var failures = apis.Sum(s => Rate(s, s.Window.PublishFailures));
        var connections = backends.Sum(s => s.Connections);

        List<FlowNodeView> nodes =
        [
            new(FlowNodes.Sender, FlowNodes.Sender),
            new(FlowNodes.Api, FlowNodes.Api, Instances: apis.Count),
            new(FlowNodes.Redis, FlowNodes.Redis),
        ];
        List<FlowEdgeView> edges =
        [
            new(FlowNodes.Sender, FlowNodes.Api, published + failures),
            new(FlowNodes.Api, FlowNodes.Redis, published),
        ];

        // The replicas' latencies are merged bucket by bucket, so the percentiles are those of every delivery in the
        // window, not an average of per-replica percentiles (which no delivery need have had).
        var merged = new long[FlowLatency.BucketCount];
        foreach (var backend in backends)
        {
            var latency = LatencyOf(backend.Latency);
            nodes.Add(new FlowNodeView(backend.Instance, FlowNodes.WsBackend, Instances: 1, backend.Connections, latency));
            edges.Add(new FlowEdgeView(FlowNodes.Redis, backend.Instance, Rate(backend, backend.Window.Received)));
            edges.Add(new FlowEdgeView(backend.Instance, FlowNodes.Receivers, Rate(backend, backend.Window.Delivered)));
            if (backend.Latency is { Length: var length } counts && length == merged.Length)
            {
                for (var i = 0; i < length; i++)
                {
                    merged[i] += counts[i];
                }
            }
        }

        nodes.Add(new FlowNodeView(FlowNodes.Receivers, FlowNodes.Receivers, Connections: connections));
        var totals = new FlowTotals(
            published,
            failures,
            backends.Sum(s => Rate(s, s.Window.Received)),
            backends.Sum(s => Rate(s, s.Window.Delivered)),
            connections,
            apis.Sum(s => s.Total.Published),
            apis.Sum(s => s.Total.PublishFailures),
            backends.Sum(s => s.Total.Received),
            backends.Sum(s => s.Total.Delivered));
        return new FlowView(now, FlowLimits.Interval.TotalSeconds, nodes, edges, totals, LatencyOf(merged));
    }

    /// <summary>Messages per second in <paramref name="snapshot"/>'s window; 0 for an instance's first, empty, window.</summary>
    public static double Rate(FlowSnapshot snapshot, long count) =>
        snapshot.WindowSeconds > 0 && count > 0 ? count / snapshot.WindowSeconds : 0;

    private static FlowLatencyView LatencyOf(long[]? counts)
    {
        if (counts is null)
        {
            return new FlowLatencyView(0, null, null);
        }

        return new FlowLatencyView(counts.Sum(), FlowLatency.Percentile(counts, P50), FlowLatency.Percentile(counts, P99));
    }
}
