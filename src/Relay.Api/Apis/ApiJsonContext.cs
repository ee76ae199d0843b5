using System.Text.Json;
using System.Text.Json.Serialization;
using Relay.Contracts.Flow;

namespace Relay.Api.Apis;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PublishRequest))]
[JsonSerializable(typeof(PublishResponse))]
[JsonSerializable(typeof(ChannelHistoryResponse))]
[JsonSerializable(typeof(PresenceResponse))]
[JsonSerializable(typeof(FlowView))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
