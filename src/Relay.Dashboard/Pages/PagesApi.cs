using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Relay.Dashboard.Pages;

/// <summary>
/// The pages: <c>/</c> redirects to the first page, every page route answers the same shell (the browser
/// picks the page from the path), and <c>/assets/…</c> serves the embedded files. All behind the browser token.
/// </summary>
internal static class PagesApi
{
    private const string ImmutableCaching = "private, max-age=31536000, immutable";
    private const string Revalidate = "no-cache";

    public static IEndpointRouteBuilder MapPagesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(DashboardRoutes.Home, () => TypedResults.Redirect(DashboardRoutes.FirstPage));
        foreach (var page in DashboardRoutes.Pages)
        {
            routes.MapGet(page, Shell);
        }

        routes.MapGet(DashboardRoutes.Assets + "/{**path}", Asset);
        return routes;
    }

    public static ContentHttpResult Shell(HttpContext context, DashboardAssets assets)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = Revalidate;
        headers.ContentSecurityPolicy = assets.ContentSecurityPolicy;
        SetCommonHeaders(headers);
        return TypedResults.Content(assets.ShellHtml, ContentTypes.Html);
    }

    /// <summary>
    /// <c>GET /assets/{path}?v={version}</c>. With the current version the answer may be cached for good;
    /// without it (or with an old one) the browser revalidates with the ETag and gets a 304 when unchanged.
    /// </summary>
    public static Results<FileContentHttpResult, NotFound> Asset(string path, string? v, HttpContext context, DashboardAssets assets)
    {
        if (!assets.TryGet(path, out var asset))
        {
            return TypedResults.NotFound();
        }

        var headers = context.Response.Headers;
        headers.CacheControl = v == asset!.Version ? ImmutableCaching : Revalidate;
        SetCommonHeaders(headers);
        return TypedResults.Bytes(asset.Content, asset.ContentType, entityTag: asset.ETag);
    }

    private static void SetCommonHeaders(IHeaderDictionary headers)
    {
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
    }
}
