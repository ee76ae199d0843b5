using System.Text.Json;
using System.Text.Json.Serialization;

namespace Relay.Bench.SignalR;

/// <summary>Source-generated JSON for the HTTP bodies and the hub's payloads (camelCase, as both default to).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PublishBody))]
[JsonSerializable(typeof(PublishAnswer))]
[JsonSerializable(typeof(ChannelMessage))]
[JsonSerializable(typeof(string))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
