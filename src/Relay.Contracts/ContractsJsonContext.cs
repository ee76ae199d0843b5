using System.Text.Json;
using System.Text.Json.Serialization;

namespace Relay.Contracts;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MessageEnvelope))]
[JsonSerializable(typeof(PresenceMember))]
[JsonSerializable(typeof(PresenceEvent))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
