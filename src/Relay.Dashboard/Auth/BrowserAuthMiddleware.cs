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
            || HasBearerToken(context.Request))
        {
            return next(context);
        }

        if (secrets.IsSession(context.Request.Cookies[CookieName]))
        {
            if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || IsSameOrigin(context.Request))
            {
                return next(context);
            }

            // SameSite does not tell ports apart: any page on 127.0.0.1 is "same site" and could post a form here
            // with the cookie. Actions need the dashboard's own pages as their origin.
            Log.CrossOriginActionRejected(logger, context.Request.Path);
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-origin request refused",
                detail: "Actions are accepted only from the dashboard's own pages, or with Authorization: Bearer <token>.").ExecuteAsync(context);
        }

        Log.BrowserRequestRejected(logger, context.Request.Path);
        return UnauthorizedResponses.ForBrowser(context).ExecuteAsync(context);
    }

    private bool HasBearerToken(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            && secrets.IsBrowserToken(authorization[BearerPrefix.Length..].Trim());
    }

    private static bool IsSameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            return string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(request.Headers["Sec-Fetch-Site"].ToString(), "same-origin", StringComparison.OrdinalIgnoreCase);
    }
}
