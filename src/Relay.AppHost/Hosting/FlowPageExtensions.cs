using Aspire.Hosting.ApplicationModel;
using Relay.Contracts;

namespace Aspire.Hosting;

/// <summary>The Flow view, which the Aspire dashboard lacks, served by the Api and linked from its resource.</summary>
public static class FlowPageExtensions
{
    public static IResourceBuilder<ProjectResource> WithFlowPage(this IResourceBuilder<ProjectResource> builder) =>
        builder.WithUrlForEndpoint("http", _ => new ResourceUrlAnnotation { Url = RelayRoutes.FlowPage, DisplayText = "Flow" });
}
