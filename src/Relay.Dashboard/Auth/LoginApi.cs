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

    /// <summary>
    /// <c>GET /login?t=&lt;token&gt;[&amp;next=/traces]</c>: sets the session cookie and sends the browser to
    /// <c>next</c> (a path on this dashboard), or to <c>/</c>.
    /// </summary>
    public static Results<RedirectHttpResult, ContentHttpResult> Login(string? t, string? next, HttpContext context, DashboardSecrets secrets)
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
        return TypedResults.Redirect(IsLocalPath(next) ? next! : DashboardRoutes.Home);
    }

    // Only a path on this host: "//evil.example" and "/\evil.example" are other hosts to a browser.
    private static bool IsLocalPath(string? next) =>
        next is { Length: > 0 }
        && next[0] == '/'
        && (next.Length == 1 || (next[1] != '/' && next[1] != '\\'))
        && !next.Any(char.IsControl);
}
