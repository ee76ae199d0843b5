using System.Text.Json.Serialization;

namespace Relay.Dashboard.Pages;

[JsonSerializable(typeof(Dictionary<string, Dictionary<string, string>>))]
internal sealed partial class ImportMapJson : JsonSerializerContext;
