using System.Text.Json.Nodes;
using Relay.Bench.Hosting;
using Relay.Contracts;

namespace Relay.Bench.Measurement;

/// <summary>
/// A run's CPU as µs of CPU per message: the Api's and Redis's per accepted publish, WsBackend's per delivered frame.
/// Redis is split by role: the masters together (a publish lands on the one master owning its channel's slot, so on a
/// cluster this is what a publish costs its shard) and the replica nodes together (what copying it costs). Roles are
/// as when the stack started. Rows a stack lacks (the peers have no <c>api-*</c>) are null.
/// </summary>
internal sealed record CpuPerMessage(
    double? ApiPerPublish, double? RedisMastersPerPublish, int Masters, double? RedisReplicasPerPublish, int Replicas, double? WsBackendPerDelivery)
{
    public static CpuPerMessage From(CpuReport cpu, IReadOnlyDictionary<string, string> redisRoles, double publishesPerSecond, double deliveriesPerSecond)
    {
        double? PerMessage(Func<string, bool> rows, double perSecond)
        {
            var matched = cpu.Processes.Where(pair => rows(pair.Key)).ToArray();
            // % of one core is centiseconds of CPU per second: × 10,000 µs.
            return matched.Length == 0 || perSecond <= 0 ? null : matched.Sum(pair => pair.Value) * 10_000 / perSecond;
        }

        bool HasRole(string row, string role) => redisRoles.TryGetValue(row, out var its) && its == role;
        return new CpuPerMessage(
            PerMessage(row => row.StartsWith(ResourceNames.Api + "-", StringComparison.Ordinal), publishesPerSecond),
            PerMessage(row => HasRole(row, RedisRole.Master), publishesPerSecond),
            redisRoles.Values.Count(role => role == RedisRole.Master),
            PerMessage(row => HasRole(row, RedisRole.Replica), publishesPerSecond),
            redisRoles.Values.Count(role => role == RedisRole.Replica),
            PerMessage(row => row.StartsWith(ResourceNames.WsBackend + "-", StringComparison.Ordinal), deliveriesPerSecond));
    }

    public JsonObject ToJson() => new()
    {
        ["apiMicrosecondsPerPublish"] = Round(ApiPerPublish),
        ["redisMastersMicrosecondsPerPublish"] = Round(RedisMastersPerPublish),
        ["redisMasters"] = Masters,
        ["redisReplicasMicrosecondsPerPublish"] = Round(RedisReplicasPerPublish),
        ["redisReplicas"] = Replicas,
        ["wsBackendMicrosecondsPerDelivery"] = Round(WsBackendPerDelivery),
    };

    /// <summary>"12.3 µs", or "–" when the stack has no such process or no such message.</summary>
    public static string Format(double? microseconds) => microseconds is { } value ? FormattableString.Invariant($"{value:F1} µs") : "–";

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;
}
