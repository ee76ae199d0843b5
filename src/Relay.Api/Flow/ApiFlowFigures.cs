using Relay.Contracts;
using Relay.Contracts.Flow;
using Relay.Flow;

namespace Relay.Api.Flow;

/// <summary>This instance's cumulative publish counts for the flow figures: an Interlocked add per publish, no lock.</summary>
internal sealed class ApiFlowFigures(IConfiguration configuration, TimeProvider timeProvider) : IFlowSource
{
    public string Service => ResourceNames.Api;

    public string Instance { get; } =
        ServiceInstance.Id(configuration[ServiceInstance.ServiceNameKey], configuration[ServiceInstance.ResourceAttributesKey]);

    private long _published;
    private long _failures;

    public void Published() => Interlocked.Increment(ref _published);

    public void Failed() => Interlocked.Increment(ref _failures);

    public FlowReading Read()
    {
        var total = FlowCounts.Zero with { Published = Interlocked.Read(ref _published), PublishFailures = Interlocked.Read(ref _failures) };
        return new FlowReading(timeProvider.GetUtcNow(), timeProvider.GetTimestamp(), total, Connections: 0, Latency: null);
    }
}
