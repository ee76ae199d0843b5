using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Relay.Dashboard.Auth;

internal static partial class Log
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "Rejected a dashboard request without a valid browser token: {Path}")]
    public static partial void BrowserRequestRejected(ILogger logger, PathString path);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Refused a cross-origin action on {Path}")]
    public static partial void CrossOriginActionRejected(ILogger logger, PathString path);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Rejected an OTLP request without a valid API key: {Path}")]
    public static partial void OtlpRequestRejected(ILogger logger, PathString path);
}
