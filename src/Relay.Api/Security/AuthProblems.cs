using Relay.Contracts;

namespace Relay.Api.Security;

/// <summary>The 401 and 403 answers of the authentication handlers, as ProblemDetails like every other error.</summary>
internal static class AuthProblems
{
    public const string DefaultChallenge =
        $"Give an API key ('Authorization: {ApiCredentials.BearerScheme} <key>' or '{ApiCredentials.ApiKeyHeader}: <key>'), " +
        $"or, to read history and presence, a connection token ('Authorization: {ApiCredentials.BearerScheme} <token>').";

    public static Task ChallengeAsync(HttpContext context, string? reason)
    {
        context.Response.Headers.WWWAuthenticate = ApiCredentials.BearerScheme;
        return WriteAsync(context, StatusCodes.Status401Unauthorized, "No valid credentials", reason ?? DefaultChallenge);
    }

    public static Task ForbidAsync(HttpContext context, string reason) =>
        WriteAsync(context, StatusCodes.Status403Forbidden, "Not allowed", reason);

    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
