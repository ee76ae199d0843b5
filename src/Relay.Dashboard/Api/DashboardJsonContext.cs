using System.Text.Json;
using System.Text.Json.Serialization;
using Relay.Dashboard.Api.Models;

namespace Relay.Dashboard.Api;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(List<TraceSummary>))]
[JsonSerializable(typeof(TraceDetail))]
[JsonSerializable(typeof(List<LogView>))]
[JsonSerializable(typeof(List<MetricResourceView>))]
[JsonSerializable(typeof(List<ResourceView>))]
[JsonSerializable(typeof(List<ConsoleLogLine>))]
[JsonSerializable(typeof(List<ServiceInstanceView>))]
[JsonSerializable(typeof(FlowView))]
[JsonSerializable(typeof(StatsView))]
[JsonSerializable(typeof(ChangeEvent))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
