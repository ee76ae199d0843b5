namespace Relay.Dashboard.Api.Models;

/// <summary>
/// A node of the flow: <see cref="Id"/> is sender, api, redis, receivers or a WsBackend instance
/// (wsbackend-0…); <see cref="Kind"/> is the resource name. <see cref="State"/> comes from the resources
/// (null when unknown); <see cref="Connections"/> is set for WsBackend instances and the receivers (their sum).
/// </summary>
internal sealed record FlowNodeView(string Id, string Kind, string? State, double? Connections);
