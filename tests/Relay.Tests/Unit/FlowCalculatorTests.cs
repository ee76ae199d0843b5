using Relay.Contracts;
using Relay.Contracts.Flow;

namespace Relay.Tests.Unit;

public sealed class FlowCalculatorTests
{
    private static readonly DateTimeOffset s_now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Rates_AreEachInstancesWindowCountOverItsWindowLength()
    {
        FlowSnapshot[] snapshots =
        [
            Api("api-0", seconds: 2, published: 40, failures: 2),
            Api("api-1", seconds: 0.5, published: 5, failures: 0),
            Backend("wsbackend-1", seconds: 1, received: 30, delivered: 90, connections: 3),
            Backend("wsbackend-0", seconds: 2, received: 50, delivered: 100, connections: 2),
        ];

        var flow = FlowCalculator.Compute(snapshots, s_now);

        Assert.Equal(31, Rate(flow, FlowNodes.Sender, FlowNodes.Api), 6);
        Assert.Equal(30, Rate(flow, FlowNodes.Api, FlowNodes.Redis), 6);
        Assert.Equal(25, Rate(flow, FlowNodes.Redis, "wsbackend-0"), 6);
        Assert.Equal(50, Rate(flow, "wsbackend-0", FlowNodes.Receivers), 6);
        Assert.Equal(30, Rate(flow, FlowNodes.Redis, "wsbackend-1"), 6);
        Assert.Equal(90, Rate(flow, "wsbackend-1", FlowNodes.Receivers), 6);
        Assert.Equal(140, flow.Totals.DeliveredPerSecond, 6);
        Assert.Equal(5, flow.Totals.Connections);
        Assert.Equal(
            [FlowNodes.Sender, FlowNodes.Api, FlowNodes.Redis, "wsbackend-0", "wsbackend-1", FlowNodes.Receivers],
            flow.Nodes.Select(n => n.Id));
        Assert.Equal(2, flow.Nodes.Single(n => n.Id == FlowNodes.Api).Instances);
        Assert.Equal(5, flow.Nodes.Single(n => n.Id == FlowNodes.Receivers).Connections);
    }

    [Fact]
    public void FirstSnapshot_WithAnEmptyWindow_HasRateZero()
    {
        var flow = FlowCalculator.Compute([Backend("wsbackend-0", seconds: 0, received: 0, delivered: 0, connections: 1)], s_now);

        Assert.Equal(0, Rate(flow, FlowNodes.Redis, "wsbackend-0"));
        Assert.Null(flow.Latency.P50Ms);
        Assert.Equal(1, flow.Nodes.Single(n => n.Id == "wsbackend-0").Connections);
    }

    [Fact]
    public void NoSnapshots_GivesTheFixedNodesWithZeroRates()
    {
        var flow = FlowCalculator.Compute([], s_now);

        Assert.Equal([FlowNodes.Sender, FlowNodes.Api, FlowNodes.Redis, FlowNodes.Receivers], flow.Nodes.Select(n => n.Id));
        Assert.All(flow.Edges, e => Assert.Equal(0, e.Rate));
        Assert.Equal(0, flow.Latency.Samples);
    }

    [Fact]
    public void Latency_MergesTheReplicasBuckets()
    {
        var fast = new long[FlowLatency.BucketCount];
        fast[FlowLatency.BucketOf(TimeSpan.FromMilliseconds(1).Ticks)] = 98;
        var slow = new long[FlowLatency.BucketCount];
        slow[FlowLatency.BucketOf(TimeSpan.FromMilliseconds(400).Ticks)] = 2;

        var flow = FlowCalculator.Compute(
            [
                Backend("wsbackend-0", 1, 98, 98, 1) with { Latency = fast },
                Backend("wsbackend-1", 1, 2, 2, 1) with { Latency = slow },
            ],
            s_now);

        Assert.Equal(100, flow.Latency.Samples);
        Assert.InRange(flow.Latency.P50Ms!.Value, 0, 1);
        Assert.InRange(flow.Latency.P99Ms!.Value, 300, 400);
        Assert.InRange(flow.Nodes.Single(n => n.Id == "wsbackend-0").Latency!.P99Ms!.Value, 0, 1);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(1.5, 1)]
    [InlineData(2, 1)]
    [InlineData(10_000, 31)]
    [InlineData(10_001, 32)]
    public void BucketOf_PutsALatencyUnderItsUpperBound(double ms, int bucket) =>
        Assert.Equal(bucket, FlowLatency.BucketOf((long)(ms * TimeSpan.TicksPerMillisecond)));

    [Fact]
    public void Percentile_InterpolatesWithinTheBucket()
    {
        var counts = new long[FlowLatency.BucketCount];
        counts[FlowLatency.BucketOf(TimeSpan.FromMilliseconds(15).Ticks)] = 10;

        Assert.Equal(13.5, FlowLatency.Percentile(counts, 0.5)!.Value, 6);
        Assert.Equal(14.97, FlowLatency.Percentile(counts, 0.99)!.Value, 6);
        Assert.Null(FlowLatency.Percentile(new long[FlowLatency.BucketCount], 0.5));
    }

    [Fact]
    public void Percentile_AboveTheLastBound_ReadsAsTheLastBound()
    {
        var counts = new long[FlowLatency.BucketCount];
        counts[^1] = 3;

        Assert.Equal(10_000, FlowLatency.Percentile(counts, 0.99));
    }

    [Fact]
    public void Window_IsTheDifferenceOfTwoReadingsOverTheirElapsedTime()
    {
        var time = new SteppedTime();
        var window = new FlowWindow(ResourceNames.WsBackend, "wsbackend-0", time);
        var first = window.Next(Reading(time, received: 10, delivered: 20, latencyInFirstBucket: 20));
        time.Advance(TimeSpan.FromMilliseconds(1500));

        var second = window.Next(Reading(time, received: 40, delivered: 80, latencyInFirstBucket: 80));

        Assert.Equal(0, first.WindowSeconds);
        Assert.Equal(FlowCounts.Zero, first.Window);
        Assert.Equal(1.5, second.WindowSeconds, 6);
        Assert.Equal(FlowCounts.Zero with { Received = 30, Delivered = 60 }, second.Window);
        Assert.Equal(60, second.Latency![0]);
        Assert.Equal(40, FlowCalculator.Rate(second, second.Window.Delivered), 6);
        Assert.Equal("wsbackend:wsbackend-0", window.Node);
    }

    private static double Rate(FlowView flow, string from, string to) =>
        flow.Edges.Single(e => e.From == from && e.To == to).Rate;

    private static FlowSnapshot Api(string instance, double seconds, long published, long failures)
    {
        var window = FlowCounts.Zero with { Published = published, PublishFailures = failures };
        return new FlowSnapshot(ResourceNames.Api, instance, s_now, seconds, window, window, 0);
    }

    private static FlowSnapshot Backend(string instance, double seconds, long received, long delivered, int connections)
    {
        var window = FlowCounts.Zero with { Received = received, Delivered = delivered };
        return new FlowSnapshot(ResourceNames.WsBackend, instance, s_now, seconds, window, window, connections, new long[FlowLatency.BucketCount]);
    }

    private static FlowReading Reading(SteppedTime time, long received, long delivered, long latencyInFirstBucket)
    {
        var latency = new long[FlowLatency.BucketCount];
        latency[0] = latencyInFirstBucket;
        return new FlowReading(time.GetUtcNow(), time.GetTimestamp(), FlowCounts.Zero with { Received = received, Delivered = delivered }, 1, latency);
    }

    private sealed class SteppedTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
