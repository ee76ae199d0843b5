using System.Text.Json;
using System.Text.Json.Serialization;

namespace Relay.Api.Apis;

/// <summary>The presence answer, serialized with this context directly, so it needs no registration of its own.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PresenceResponse))]
internal sealed partial class PresenceApiJsonContext : JsonSerializerContext;
