using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;
using Relay.Receiver.Options;
using Relay.Receiver.Proxy;
using Relay.Receiver.Security;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;

namespace Relay.Receiver.Extensions;

internal static class ReceiverServiceExtensions
{
    public static IHostApplicationBuilder AddReceiverServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WsBackendProxyOptions>()
            .BindConfiguration(WsBackendProxyOptions.SectionName)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WsBackendProxyOptions>, WsBackendProxyOptionsValidator>();

        // One instance is both YARP's config source and the hosted service that keeps it current.
        builder.Services.AddSingleton<ServiceDiscoveryProxyConfigProvider>();
        builder.Services.AddSingleton<IProxyConfigProvider>(sp => sp.GetRequiredService<ServiceDiscoveryProxyConfigProvider>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ServiceDiscoveryProxyConfigProvider>());

        builder.Services.AddReverseProxy();
        builder.Services.AddSingleton<IPassiveHealthCheckPolicy, UnreachableDestinationPolicy>();
        // A line per probe (every few seconds per replica) would bury everything else; failed
        // probes are warnings and health changes are logged by DestinationHealthUpdater.
        builder.Logging.AddFilter("Yarp.ReverseProxy.Health.ActiveHealthCheckMonitor", LogLevel.Warning);

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
