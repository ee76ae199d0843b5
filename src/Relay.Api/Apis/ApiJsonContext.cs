using System.Text.Json;
using System.Text.Json.Serialization;

namespace Relay.Api.Apis;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PublishRequest))]
[JsonSerializable(typeof(PublishResponse))]
[JsonSerializable(typeof(ChannelHistoryResponse))]
[JsonSerializable(typeof(PresenceResponse))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
