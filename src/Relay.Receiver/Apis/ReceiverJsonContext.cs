using System.Text.Json;
using System.Text.Json.Serialization;

namespace Relay.Receiver.Apis;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(TokenResponse))]
internal sealed partial class ReceiverJsonContext : JsonSerializerContext;
