namespace Relay.Dashboard.Storage;

/// <summary>
/// What an instrument is. <see cref="IsCumulative"/> false means delta temporality: each point covers only
/// its own interval. Exponential histograms and summaries arrive as <see cref="MetricKind.Histogram"/>
/// with a count and a sum but no buckets.
/// </summary>
internal sealed record InstrumentDescriptor(
    string Scope,
    string Name,
    string Unit,
    string Description,
    MetricKind Kind,
    bool IsMonotonic,
    bool IsCumulative);
