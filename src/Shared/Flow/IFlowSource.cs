using Relay.Contracts.Flow;

namespace Relay.Flow;

/// <summary>What one instance reports to the flow view: who it is, and its cumulative figures.</summary>
internal interface IFlowSource
{
    /// <summary>The service's resource name: <c>api</c> or <c>wsbackend</c>.</summary>
    string Service { get; }

    /// <summary>This instance's name (<see cref="Contracts.ServiceInstance"/>), e.g. <c>wsbackend-qxk2ad7f</c>.</summary>
    string Instance { get; }

    FlowReading Read();
}
