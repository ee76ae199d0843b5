namespace Relay.Bench.SignalR;

/// <summary>Which of the instances this process is, as <see cref="RelayHub.Join"/> answers it.</summary>
internal sealed record InstanceName(string Value);
