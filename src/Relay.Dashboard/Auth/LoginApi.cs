using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Relay.Dashboard.Auth;

internal static class LoginApi
{
    public static IEndpointRouteBuilder MapLoginApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(DashboardRoutes.Login, Login);
        return routes;
    }

    /// <summary><c>GET /login?t=&lt;token&gt;</c>: sets the session cookie and sends the browser to <c>/</c>.</summary>
    public static Results<RedirectHttpResult, ContentHttpResult> Login(string? t, HttpContext context, DashboardSecrets secrets)
    {
        if (!secrets.IsBrowserToken(t))
        {
            return UnauthorizedResponses.Html();
        }

        // Plain http on loopback, so no Secure flag; Strict keeps other sites from riding the session.
        context.Response.Cookies.Append(BrowserAuthMiddleware.CookieName, secrets.SessionCookieValue, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            IsEssential = true,
        });
        return TypedResults.Redirect("/");
    }
}
