using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Relay.Dashboard.Auth;

/// <summary>401 answers: ProblemDetails for API callers, a short page for people.</summary>
internal static class UnauthorizedResponses
{
    private const string Page = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Relay dashboard: log in</title></head>
        <body>
        <h1>Relay dashboard</h1>
        <p>Log in with the URL printed by the AppHost.</p>
        </body>
        </html>
        """;

    public static IResult ForBrowser(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(DashboardRoutes.ApiPrefix))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: "Log in with the URL printed by the AppHost, or send Authorization: Bearer <token>.");
        }

        return Html();
    }

    public static ContentHttpResult Html() =>
        TypedResults.Content(Page, "text/html; charset=utf-8", statusCode: StatusCodes.Status401Unauthorized);

    public static IResult ForOtlp() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized",
            detail: $"Missing or invalid {OtlpApiKeyMiddleware.HeaderName} header.");
}
