using System.Globalization;

namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>The links a log row carries: its knowledge-base article, a "contact support" message, the reports filtered.</summary>
internal static class LogLinks
{
    /// <summary>The knowledge-base link when it is a web address (http or https): a rule's link never becomes script.</summary>
    public static Uri? KnowledgeBase(Uri? url) =>
        url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) ? url : null;

    /// <summary>A <c>mailto:</c> link to the support address, its subject and body filled in (percent-encoded), or <see langword="null"/> without an address.</summary>
    public static string? Support(BackOfficeRequest request, string subject, string body) =>
        request.Options.SupportAddress is { } address
            ? "mailto:" + Uri.EscapeDataString(address).Replace("%40", "@", StringComparison.Ordinal)
                + "?subject=" + Uri.EscapeDataString(subject) + "&body=" + Uri.EscapeDataString(body)
            : null;

    /// <summary>An instant as a <c>datetime-local</c> field writes it, in the back office's time zone.</summary>
    public static string LocalInput(BackOfficeRequest request, DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, request.TimeZone).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The CSS class of a severity's colour.</summary>
    public static string Css(PosFleet.Logs.LogSeverity severity) => severity switch
    {
        PosFleet.Logs.LogSeverity.Success => "pf-success",
        PosFleet.Logs.LogSeverity.Alert => "pf-alert",
        _ => "pf-error",
    };
}
