using System.Text.Json;
using System.Text.Json.Serialization;

namespace Relay.WsBackend.Presence;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PresenceFrame))]
internal sealed partial class PresenceJsonContext : JsonSerializerContext;
