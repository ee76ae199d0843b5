using Microsoft.Extensions.Logging;

namespace Relay.Dashboard.Otlp;

internal static partial class Log
{
    [LoggerMessage(EventId = 201, Level = LogLevel.Error, Message = "Storing an OTLP {Request} failed")]
    public static partial void IngestFailed(ILogger logger, string request, Exception exception);

    [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Rejected an OTLP/HTTP body on {Path}: {Reason}")]
    public static partial void InvalidBody(ILogger logger, string path, string reason);
}
