using Relay.Contracts;
using Relay.Dashboard.Api;
using Relay.Dashboard.Api.Models;

namespace Relay.Dashboard.Flow;

/// <summary>
/// Turns the samples into the graph sender → api → redis → wsbackend-i → receivers:
/// sender→api carries what the Api published or failed to, api→redis what it published, redis→wsbackend-i
/// what that replica received, wsbackend-i→receivers what it delivered (one per socket).
/// </summary>
internal static class FlowCalculator
{
    public static FlowView Compute(IReadOnlyList<FlowSample> samples, IReadOnlyList<DashboardResource> resources, DateTimeOffset now, TimeSpan window)
    {
        var api = samples.Where(s => s.Service == ResourceNames.Api).ToList();
        var backends = samples.Where(s => s.Service == ResourceNames.WsBackend).ToDictionary(s => s.Instance, StringComparer.Ordinal);
        var backendIds = backends.Keys
            .Union(resources.Where(r => r.Name == ResourceNames.WsBackend).Select(r => r.Instance))
            .Order(InstanceNameComparer.Instance)
            .ToList();

        var published = api.Sum(s => s.Published);
        var failures = api.Sum(s => s.PublishFailures);
        var connections = backends.Values.Sum(s => s.OpenConnections ?? 0);

        var nodes = new List<FlowNodeView>
        {
            new(FlowNodes.Sender, ResourceNames.Sender, StateOf(resources, ResourceNames.Sender), null),
            new(FlowNodes.Api, ResourceNames.Api, StateOf(resources, ResourceNames.Api), null),
            new(FlowNodes.Redis, ResourceNames.Redis, StateOf(resources, ResourceNames.Redis), null),
        };
        var edges = new List<FlowEdgeView>
        {
            new(FlowNodes.Sender, FlowNodes.Api, published + failures),
            new(FlowNodes.Api, FlowNodes.Redis, published),
        };
        var lag = new HistogramBuckets();
        foreach (var id in backendIds)
        {
            var sample = backends.GetValueOrDefault(id);
            var state = resources.FirstOrDefault(r => r.Instance == id)?.State;
            nodes.Add(new FlowNodeView(id, ResourceNames.WsBackend, state, sample?.OpenConnections ?? 0));
            edges.Add(new FlowEdgeView(FlowNodes.Redis, id, sample?.Received ?? 0));
            edges.Add(new FlowEdgeView(id, FlowNodes.Receivers, sample?.Delivered ?? 0));
            if (sample?.DeliveryLag is { } recorded)
            {
                lag.Add(recorded);
            }
        }

        nodes.Add(new FlowNodeView(FlowNodes.Receivers, ResourceNames.Receiver, StateOf(resources, ResourceNames.Receiver), connections));
        return new FlowView(
            now,
            window.TotalSeconds,
            nodes,
            edges,
            published,
            failures,
            backends.Values.Sum(s => s.Delivered),
            connections,
            lag.Count,
            lag.Count == 0 ? null : lag.Quantile(0.50),
            lag.Count == 0 ? null : lag.Quantile(0.99));
    }

    /// <summary>The state all instances share, else the first that differs from Running (the one worth seeing).</summary>
    private static string? StateOf(IReadOnlyList<DashboardResource> resources, string name)
    {
        var states = resources.Where(r => r.Name == name).Select(r => r.State).Distinct().ToList();
        return states.Count switch
        {
            0 => null,
            1 => states[0],
            _ => states.First(s => s != "Running"),
        };
    }
}
