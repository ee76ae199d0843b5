using System.Text.Json;
using System.Text.Json.Serialization;

namespace Relay.Api.Messaging;

/// <summary>What the Api alone keeps in Redis; the shared envelope is in <c>ContractsJsonContext</c>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredPublishAnswer))]
internal sealed partial class MessagingJsonContext : JsonSerializerContext;
