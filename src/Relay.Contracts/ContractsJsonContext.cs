using System.Text.Json;
using System.Text.Json.Serialization;
using Relay.Contracts.Flow;

namespace Relay.Contracts;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MessageEnvelope))]
[JsonSerializable(typeof(PresenceMember))]
[JsonSerializable(typeof(PresenceEvent))]
[JsonSerializable(typeof(FlowSnapshot))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
