using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Metrics.V1;
using Relay.Dashboard.Storage;

namespace Relay.Dashboard.Otlp;

/// <summary>
/// Decodes metric requests. Owned by the single ingestion worker: it keeps the last bucket bounds of each
/// histogram so the thousands of stored points of one instrument share one bounds array.
/// </summary>
internal sealed class MetricMapper(StringPool pool)
{
    private const int MaxCachedBounds = 10_000;

    private readonly Dictionary<(string Scope, string Name), double[]> _bounds = [];

    public List<IncomingMetricPoint> Map(ExportMetricsServiceRequest request, out int rejected)
    {
        var points = new List<IncomingMetricPoint>();
        rejected = 0;
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var resource = ResourceMapper.Map(resourceMetrics.Resource, pool);
            foreach (var scopeMetrics in resourceMetrics.ScopeMetrics)
            {
                var scope = pool.Intern(scopeMetrics.Scope?.Name ?? string.Empty);
                foreach (var metric in scopeMetrics.Metrics)
                {
                    rejected += Map(metric, resource, scope, points);
                }
            }
        }

        return points;
    }

    /// <summary>Returns the number of points it could not keep: kinds without data, or flagged "no recorded value".</summary>
    private int Map(Metric metric, ResourceKey resource, string scope, List<IncomingMetricPoint> points)
    {
        var cumulative = AggregationTemporality.Cumulative;
        switch (metric.DataCase)
        {
            case Metric.DataOneofCase.Gauge:
                AddNumbers(metric.Gauge.DataPoints, Describe(metric, scope, MetricKind.Gauge, false, false), resource, points);
                return 0;
            case Metric.DataOneofCase.Sum:
                var sum = metric.Sum;
                var sumDescriptor = Describe(metric, scope, MetricKind.Sum, sum.IsMonotonic, sum.AggregationTemporality == cumulative);
                AddNumbers(sum.DataPoints, sumDescriptor, resource, points);
                return 0;
            case Metric.DataOneofCase.Histogram:
                var histogram = metric.Histogram;
                var histogramDescriptor = Describe(metric, scope, MetricKind.Histogram, false, histogram.AggregationTemporality == cumulative);
                foreach (var p in histogram.DataPoints.Where(Recorded))
                {
                    points.Add(new(resource, histogramDescriptor, Histogram(p, histogramDescriptor)));
                }

                return 0;
            case Metric.DataOneofCase.ExponentialHistogram:
                // Kept as count and sum only: the pages chart explicit buckets, which the .NET SDK exports by default.
                var exponential = metric.ExponentialHistogram;
                var exponentialDescriptor = Describe(metric, scope, MetricKind.Histogram, false, exponential.AggregationTemporality == cumulative);
                foreach (var p in exponential.DataPoints)
                {
                    points.Add(new(resource, exponentialDescriptor, new StoredMetricPoint(
                        (long)p.StartTimeUnixNano, (long)p.TimeUnixNano, 0, p.Count, p.HasSum ? p.Sum : null,
                        p.HasMin ? p.Min : null, p.HasMax ? p.Max : null, null, null, AttributeMapper.Map(p.Attributes, pool))));
                }

                return 0;
            case Metric.DataOneofCase.Summary:
                var summaryDescriptor = Describe(metric, scope, MetricKind.Histogram, false, true);
                foreach (var p in metric.Summary.DataPoints)
                {
                    points.Add(new(resource, summaryDescriptor, new StoredMetricPoint(
                        (long)p.StartTimeUnixNano, (long)p.TimeUnixNano, 0, p.Count, p.Sum,
                        null, null, null, null, AttributeMapper.Map(p.Attributes, pool))));
                }

                return 0;
            default:
                return 1;
        }
    }

    private InstrumentDescriptor Describe(Metric metric, string scope, MetricKind kind, bool monotonic, bool cumulative) =>
        new(scope, pool.Intern(metric.Name), pool.Intern(metric.Unit), pool.Intern(metric.Description), kind, monotonic, cumulative);

    private void AddNumbers(RepeatedField<NumberDataPoint> source, InstrumentDescriptor descriptor, ResourceKey resource, List<IncomingMetricPoint> points)
    {
        foreach (var p in source)
        {
            if ((p.Flags & (uint)DataPointFlags.NoRecordedValueMask) != 0)
            {
                continue;
            }

            var value = p.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? p.AsInt : p.AsDouble;
            points.Add(new(resource, descriptor, new StoredMetricPoint(
                (long)p.StartTimeUnixNano, (long)p.TimeUnixNano, value, 0, null, null, null, null, null,
                AttributeMapper.Map(p.Attributes, pool))));
        }
    }

    private static bool Recorded(HistogramDataPoint p) => (p.Flags & (uint)DataPointFlags.NoRecordedValueMask) == 0;

    private StoredMetricPoint Histogram(HistogramDataPoint p, InstrumentDescriptor descriptor)
    {
        // Buckets are valid only with one more count than bounds; otherwise keep count and sum alone.
        var valid = p.BucketCounts.Count == p.ExplicitBounds.Count + 1;
        return new StoredMetricPoint(
            (long)p.StartTimeUnixNano,
            (long)p.TimeUnixNano,
            0,
            p.Count,
            p.HasSum ? p.Sum : null,
            p.HasMin ? p.Min : null,
            p.HasMax ? p.Max : null,
            valid ? p.BucketCounts.ToArray() : null,
            valid ? SharedBounds(descriptor, p.ExplicitBounds) : null,
            AttributeMapper.Map(p.Attributes, pool));
    }

    private double[] SharedBounds(InstrumentDescriptor descriptor, RepeatedField<double> bounds)
    {
        var key = (descriptor.Scope, descriptor.Name);
        if (_bounds.TryGetValue(key, out var cached) && Same(cached, bounds))
        {
            return cached;
        }

        var copy = bounds.ToArray();
        if (_bounds.Count < MaxCachedBounds || _bounds.ContainsKey(key))
        {
            _bounds[key] = copy;
        }

        return copy;
    }

    private static bool Same(double[] cached, RepeatedField<double> bounds)
    {
        if (cached.Length != bounds.Count)
        {
            return false;
        }

        for (var i = 0; i < cached.Length; i++)
        {
            if (!cached[i].Equals(bounds[i]))
            {
                return false;
            }
        }

        return true;
    }
}
