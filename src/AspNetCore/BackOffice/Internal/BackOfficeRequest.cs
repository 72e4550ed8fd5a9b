using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>
/// What the back office decided about a request before rendering its page or handling its form (scoped, one per
/// request): who the user is and which organization they see, the language and time zone, the anti-forgery token.
/// </summary>
internal sealed class BackOfficeRequest
{
    public HttpContext? HttpContext { get; set; }

    public BackOfficeOptions Options { get; set; } = new();

    /// <summary>The path of the back office's root, such as <c>/fleet</c> (the host's path base included), no trailing slash.</summary>
    public string BasePath { get; set; } = "";

    public BackOfficeScope? Scope { get; set; }

    public CultureInfo Culture { get; set; } = CultureInfo.InvariantCulture;

    public BackOfficeStrings Strings { get; set; } = BackOfficeStrings.English;

    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>The anti-forgery token a form of the page sends back.</summary>
    public AntiforgeryTokenSet? Antiforgery { get; set; }

    /// <summary>The signed-in user's recipient id in the notifications inbox (<see cref="BackOfficeOptions.RecipientClaimType"/>), or <see langword="null"/> without one.</summary>
    public string? RecipientId { get; set; }

    /// <summary>The unread count the header's bell shows, or <see langword="null"/> when there is no bell (no inbox registered, or no recipient id).</summary>
    public int? UnreadNotifications { get; set; }

    /// <summary>The organization the page shows.</summary>
    public string Organization => Scope?.Organization ?? "";

    /// <summary>
    /// A link to <paramref name="path"/> under the back office (such as <c>reports</c>) for the organization shown,
    /// with the query values given (null and empty ones left out); the values are URL-encoded here, the attribute is
    /// HTML-encoded by the renderer.
    /// </summary>
    public string Link(string path, params (string Name, string? Value)[] query)
    {
        var url = QueryString.Create(new[] { new KeyValuePair<string, string?>("org", Organization) }
            .Concat(query.Select(q => new KeyValuePair<string, string?>(q.Name, q.Value)))
            .Where(q => !string.IsNullOrEmpty(q.Value)));
        return BasePath + "/" + path + url.ToUriComponent();
    }

    /// <summary>An instant in the back office's time zone, in the request's culture.</summary>
    public string Time(DateTimeOffset at, string format = "g") =>
        TimeZoneInfo.ConvertTime(at, TimeZone).ToString(format, Culture);

    /// <summary>The hidden fields every form of a page sends: the anti-forgery token and the organization.</summary>
    public Html.HtmlFragment FormFields()
    {
        var html = new Html(Culture);
        if (Antiforgery is { FormFieldName: { } name, RequestToken: { } token })
        {
            html.Write($"""<input type="hidden" name="{name}" value="{token}">""");
        }

        html.Write($"""<input type="hidden" name="org" value="{Organization}">""");
        return html.ToFragment();
    }

    /// <summary>A count in the request's culture.</summary>
    public string Count(long n) => n.ToString("N0", Culture);
}
