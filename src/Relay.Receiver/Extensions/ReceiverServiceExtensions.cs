using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Relay.Receiver.Apis;
using Relay.Receiver.Proxy;
using Relay.Security;
using Relay.Receiver.Security;

namespace Relay.Receiver.Extensions;

internal static class ReceiverServiceExtensions
{
    public static IHostApplicationBuilder AddReceiverServices(this IHostApplicationBuilder builder)
    {
        builder.AddConnectionTokens();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, ReceiverJsonContext.Default));
        builder.Services.AddReverseProxy()
            .LoadFromMemory(ReceiverProxyConfig.Routes, ReceiverProxyConfig.Clusters)
            .AddServiceDiscoveryDestinationResolver();

        // YARP registers DataProtection for its session-affinity cookies, which Relay doesn't use.
        // The key ring stays in memory, so the Receiver never reads or writes a key folder.
        builder.Services.Configure<KeyManagementOptions>(options =>
        {
            options.XmlRepository = new InMemoryXmlRepository();
            options.XmlEncryptor = new NullXmlEncryptor();
        });
        return builder;
    }
}
