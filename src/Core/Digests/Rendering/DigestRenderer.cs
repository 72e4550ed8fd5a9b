namespace PosFleet.Digests.Rendering;

/// <summary>
/// Puts a digest into words, in the subscription's culture, with dates in its time zone: a headline (count, window,
/// threshold), one table per kind of the messages listed, the busiest terminals; the text and HTML parts say the same.
/// </summary>
internal static class DigestRenderer
{
    public static RenderedDigest Render(DigestContent content)
    {
        var view = new DigestView(content);
        return new RenderedDigest(view.Subject, DigestTextRenderer.Render(view), DigestHtmlRenderer.Render(view));
    }
}
