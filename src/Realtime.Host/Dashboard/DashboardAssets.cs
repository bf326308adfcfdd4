using System.Reflection;

namespace Realtime.Host.Dashboard;

/// <summary>
/// The page, its script, styles and the vendored Chart.js, embedded in the engine's assembly (Realtime.Host.csproj:
/// <c>Dashboard/assets/**</c>, logical names <c>dashboard/&lt;file&gt;</c>): nothing is fetched at run time.
/// </summary>
internal static class DashboardAssets
{
    private static readonly Assembly s_assembly = typeof(DashboardAssets).Assembly;

    private static readonly Dictionary<string, string> s_contentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    /// <summary>Writes the asset, or 404 for a name that is not one (names are matched exactly, never used as paths).</summary>
    public static async Task WriteAsync(HttpContext context, string name)
    {
        var contentType = s_contentTypes.GetValueOrDefault(Path.GetExtension(name));
        await using var stream = contentType is null ? null : s_assembly.GetManifestResourceStream("dashboard/" + name);
        if (stream is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "no-cache";
        await stream.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
