using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace PosFleet.AspNetCore.BackOffice.Pages;

/// <summary>
/// Writes the status, actions and digests pages: every piece of text goes through <see cref="HtmlEncoder"/> (a log
/// line holding <c>&lt;script&gt;</c> shows as text), every form carries the anti-forgery token.
/// </summary>
internal sealed class PageHtml(HttpContext context, string basePath)
{
    private readonly StringBuilder _html = new(16 * 1024);
    private AntiforgeryTokenSet? _tokens;

    public HttpContext Context { get; } = context;

    /// <summary>The back office's root, such as <c>/fleet</c>, under the request's path base.</summary>
    public string Root { get; } = context.Request.PathBase.Add(new PathString(basePath)).Value?.TrimEnd('/') ?? "";

    public PageHtml Raw(string html)
    {
        _html.Append(html);
        return this;
    }

    public PageHtml Text(string? text)
    {
        _html.Append(HtmlEncoder.Default.Encode(text ?? ""));
        return this;
    }

    /// <summary>An attribute value, encoded.</summary>
    public static string Attr(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    public static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    /// <summary>A query string of these pairs (those with a null or empty value left out), such as <c>?org=A&amp;terminal=T</c>.</summary>
    public static string Query(params (string Name, string? Value)[] pairs) =>
        QueryString.Create(pairs.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => new KeyValuePair<string, string?>(p.Name, p.Value))).ToUriComponent();

    public string Url(string relative) => $"{Root}/{relative.TrimStart('/')}";

    /// <summary>Opens a POST form to <paramref name="relative"/> with its anti-forgery field.</summary>
    public PageHtml FormPost(string relative, string? cssClass = null)
    {
        _tokens ??= Context.RequestServices.GetService(typeof(IAntiforgery)) is IAntiforgery antiforgery ? antiforgery.GetAndStoreTokens(Context) : null;
        _html.Append("<form method=\"post\" action=\"").Append(Attr(Url(relative))).Append('"');
        if (cssClass is not null)
        {
            _html.Append(" class=\"").Append(Attr(cssClass)).Append('"');
        }

        _html.Append('>');
        if (_tokens is { FormFieldName: { } name, RequestToken: { } token })
        {
            Hidden(name, token);
        }

        return this;
    }

    public PageHtml Hidden(string name, string? value) =>
        Raw($"<input type=\"hidden\" name=\"{Attr(name)}\" value=\"{Attr(value)}\">");

    public static string Time(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "—";

    public override string ToString() => _html.ToString();

    /// <summary>The page, in the back office's shell: a title, the navigation between the pages, the body.</summary>
    public IResult Page(string title, int statusCode = StatusCodes.Status200OK)
    {
        var language = PageStrings.Language(CultureInfo.CurrentUICulture);
        var body = _html.ToString();
        var page = new StringBuilder(body.Length + 2048)
            .Append("<!DOCTYPE html><html lang=\"").Append(language).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Encode(title)).Append(" · PosFleet</title><style>").Append(PageStrings.Css).Append("</style></head><body>")
            .Append("<nav><a href=\"").Append(Attr(Url("status"))).Append("\">").Append(Encode(PageStrings.Get("NavStatus"))).Append("</a> ")
            .Append("<a href=\"").Append(Attr(Url("actions"))).Append("\">").Append(Encode(PageStrings.Get("NavActions"))).Append("</a> ")
            .Append("<a href=\"").Append(Attr(Url("digests"))).Append("\">").Append(Encode(PageStrings.Get("NavDigests"))).Append("</a></nav>")
            .Append("<main><h1>").Append(Encode(title)).Append("</h1>").Append(body).Append("</main></body></html>");
        return Results.Content(page.ToString(), "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }

    /// <summary>A short page saying why the request was refused, with its status code.</summary>
    public static IResult Refused(HttpContext context, string basePath, int statusCode, string message)
    {
        var html = new PageHtml(context, basePath);
        html.Raw("<p class=\"problem\" role=\"alert\">").Text(message).Raw("</p>");
        return html.Page(PageStrings.Get("Refused"), statusCode);
    }
}
