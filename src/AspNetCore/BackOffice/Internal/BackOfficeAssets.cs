using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>
/// Serves the back office's style sheet and the bell page's push script and worker from the assembly: a back office
/// may have no internet, so no CDN. Each answers with its ETag and a private one-hour cache.
/// </summary>
internal static class BackOfficeAssets
{
    private static readonly ConcurrentDictionary<string, (byte[] Bytes, EntityTagHeaderValue ETag)> Loaded = new(StringComparer.Ordinal);

    public static Task StyleSheetAsync(HttpContext context) => ServeAsync(context, "backoffice.css", "text/css; charset=utf-8");

    public static Task PushScriptAsync(HttpContext context) => ServeAsync(context, "push.js", "text/javascript; charset=utf-8");

    public static Task PushWorkerAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The worker is served from the back office's root, so its scope covers the back office's pages and no more.
        return ServeAsync(context, "push-sw.js", "text/javascript; charset=utf-8");
    }

    private static Task ServeAsync(HttpContext context, string name, string contentType)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (bytes, etag) = Loaded.GetOrAdd(name, Load);
        var headers = context.Response.GetTypedHeaders();
        headers.ETag = etag;
        headers.CacheControl = new CacheControlHeaderValue { Private = true, MaxAge = TimeSpan.FromHours(1) };
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        var requested = context.Request.GetTypedHeaders().IfNoneMatch;
        if (requested.Any(e => e.Compare(etag, useStrongComparison: false)))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    private static (byte[] Bytes, EntityTagHeaderValue ETag) Load(string name)
    {
        using var stream = typeof(BackOfficeAssets).Assembly.GetManifestResourceStream("PosFleet.BackOffice." + name)
            ?? throw new InvalidOperationException($"The back office's {name} is missing from PosFleet.AspNetCore.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        var hash = Convert.ToHexStringLower(System.IO.Hashing.XxHash64.Hash(bytes));
        return (bytes, new EntityTagHeaderValue($"\"{hash}\""));
    }
}
