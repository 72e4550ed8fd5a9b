using System.Globalization;
using System.Net;
using System.Text;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;

namespace PosFleet.Notifications.Templates;

/// <summary>
/// One e-mail for a recipient's burst of notifications (their digest window), in their language: the subject counts
/// them and repeats the newest one's, the body lists each entry's subject and link, oldest first, in text and in an
/// HTML twin built from the same data (never from the entries' own HTML, which are whole documents). The entries' text
/// was made printable when they were rendered; here it is only HTML-encoded, and only http or https links are printed.
/// </summary>
internal static class NotificationDigestRenderer
{
    private const string Font = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
    private const string Muted = "#6b7280";
    private const string Rule = "#e5e7eb";

    public static NotificationContent Render(IReadOnlyList<NotificationOutboxEntry> ordered, string? culture)
    {
        var w = NotificationStrings.For(CultureOf(culture));
        var subject = w.Format(w.DigestSubject, ordered.Count.ToString(CultureInfo.InvariantCulture), ordered[^1].Content.Subject);
        var intro = w.Format(w.DigestIntro, ordered.Count.ToString(CultureInfo.InvariantCulture));

        var text = new StringBuilder(intro).Append("\n\n");
        var html = new StringBuilder(4 * 1024);
        html.Append("<!DOCTYPE html><html lang=\"").Append(E(w.Language)).Append("\"><head><meta charset=\"utf-8\"><title>").Append(E(subject)).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:16px 8px;font-family:").Append(Font).Append(";font-size:14px;line-height:20px\">")
            .Append("<table role=\"presentation\" class=\"digest\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"max-width:600px\">")
            .Append("<tr><td style=\"padding:0 0 12px;font-weight:700\">").Append(E(intro)).Append("</td></tr>");
        foreach (var entry in ordered)
        {
            var link = entry.Content.Link is { IsAbsoluteUri: true, Scheme: "http" or "https" } l ? l : null;
            text.Append("- ").Append(entry.Content.Subject).Append('\n');
            html.Append("<tr><td class=\"entry\" style=\"padding:8px 0;border-top:1px solid ").Append(Rule).Append("\">").Append(E(entry.Content.Subject));
            if (link is not null)
            {
                text.Append("  ").Append(w.Open).Append(": ").Append(link.AbsoluteUri).Append('\n');
                html.Append(" — <a href=\"").Append(E(link.AbsoluteUri)).Append("\">").Append(E(w.Open)).Append("</a>");
            }

            html.Append("</td></tr>");
        }

        text.Append('\n').Append(w.Footer).Append('\n');
        html.Append("<tr><td style=\"padding:12px 0;border-top:1px solid ").Append(Rule).Append(";color:").Append(Muted).Append(";font-size:12px\">")
            .Append(E(w.Footer)).Append("</td></tr></table></body></html>");
        return new NotificationContent { Subject = subject, Text = text.ToString(), Html = html.ToString() };
    }

    private static CultureInfo? CultureOf(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        try
        {
            return CultureInfo.GetCultureInfo(name);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
