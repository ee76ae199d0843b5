using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Relay.Dashboard.Hosting;

namespace Relay.Dashboard.Auth;

/// <summary>
/// Every page and API call on the frontend port needs the browser token: the session cookie set by
/// <c>/login</c>, or <c>Authorization: Bearer &lt;token&gt;</c> for scripts. Requests on the OTLP ports pass
/// through (they have their own key check).
/// </summary>
internal sealed class BrowserAuthMiddleware(
    RequestDelegate next,
    DashboardListeners listeners,
    DashboardSecrets secrets,
    ILogger<BrowserAuthMiddleware> logger)
{
    public const string CookieName = "relay_dashboard_session";
    private const string BearerPrefix = "Bearer ";

    public Task InvokeAsync(HttpContext context)
    {
        if (!listeners.IsOn(context, DashboardListener.Frontend)
            || context.Request.Path.Equals(DashboardRoutes.Login, StringComparison.OrdinalIgnoreCase)
            || IsAuthenticated(context.Request))
        {
            return next(context);
        }

        Log.BrowserRequestRejected(logger, context.Request.Path);
        return UnauthorizedResponses.ForBrowser(context).ExecuteAsync(context);
    }

    private bool IsAuthenticated(HttpRequest request)
    {
        if (secrets.IsSession(request.Cookies[CookieName]))
        {
            return true;
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            && secrets.IsBrowserToken(authorization[BearerPrefix.Length..].Trim());
    }
}
