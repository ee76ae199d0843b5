using Microsoft.Extensions.Logging;

namespace Relay.Dashboard.Hosting;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Reading the resources for the dashboard failed")]
    public static partial void ResourcePollFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Dashboard on {FrontendUrl}, OTLP gRPC on {GrpcEndpoint}, OTLP HTTP on {HttpEndpoint}")]
    public static partial void Started(ILogger logger, Uri frontendUrl, Uri grpcEndpoint, Uri httpEndpoint);
}
