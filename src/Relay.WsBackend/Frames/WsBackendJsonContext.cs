using System.Text.Json;
using System.Text.Json.Serialization;

namespace Relay.WsBackend.Frames;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WelcomeFrame))]
[JsonSerializable(typeof(SubscribedFrame))]
[JsonSerializable(typeof(UnsubscribedFrame))]
[JsonSerializable(typeof(ErrorFrame))]
[JsonSerializable(typeof(MessageFrame))]
[JsonSerializable(typeof(PresenceFrame))]
[JsonSerializable(typeof(RefreshedFrame))]
internal sealed partial class WsBackendJsonContext : JsonSerializerContext;
