using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>Serves the back office's style sheet from the assembly: a back office may have no internet, so no CDN.</summary>
internal static class BackOfficeAssets
{
    private static readonly Lazy<(byte[] Bytes, EntityTagHeaderValue ETag)> Css = new(() =>
    {
        using var stream = typeof(BackOfficeAssets).Assembly.GetManifestResourceStream("PosFleet.BackOffice.backoffice.css")
            ?? throw new InvalidOperationException("The back office's style sheet is missing from PosFleet.AspNetCore.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        var hash = Convert.ToHexStringLower(System.IO.Hashing.XxHash64.Hash(bytes));
        return (bytes, new EntityTagHeaderValue($"\"{hash}\""));
    });

    public static Task StyleSheetAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (bytes, etag) = Css.Value;
        var headers = context.Response.GetTypedHeaders();
        headers.ETag = etag;
        headers.CacheControl = new CacheControlHeaderValue { Private = true, MaxAge = TimeSpan.FromHours(1) };
        var requested = context.Request.GetTypedHeaders().IfNoneMatch;
        if (requested.Any(e => e.Compare(etag, useStrongComparison: false)))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        context.Response.ContentType = "text/css; charset=utf-8";
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }
}
