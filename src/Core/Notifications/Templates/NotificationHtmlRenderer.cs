using System.Net;
using System.Text;

namespace PosFleet.Notifications.Templates;

/// <summary>
/// The HTML part of a notification e-mail, in the digests' manner (a 600px table column with inline styles that
/// Outlook, Gmail and phones all draw). Every piece of host text is HTML-encoded: a title holding <c>&lt;script&gt;</c>
/// shows as those characters. The link is an http or https address only.
/// </summary>
internal static class NotificationHtmlRenderer
{
    private const string Font = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
    private const string Page = "#f3f4f6";
    private const string Ink = "#111827";
    private const string Muted = "#6b7280";
    private const string Rule = "#e5e7eb";

    public static string Render(NotificationView v)
    {
        var w = v.Words;
        var b = new StringBuilder(4 * 1024);
        b.Append("<!DOCTYPE html><html lang=\"").Append(E(w.Language)).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"color-scheme\" content=\"light only\">")
            .Append("<title>").Append(E(v.Subject)).Append("</title></head>");
        b.Append("<body style=\"margin:0;padding:0;background-color:").Append(Page).Append("\" bgcolor=\"").Append(Page).Append("\">");
        b.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" bgcolor=\"").Append(Page)
            .Append("\"><tr><td align=\"center\" style=\"padding:16px 8px\">");
        b.Append("<table role=\"presentation\" class=\"notification\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" bgcolor=\"#ffffff\" style=\"max-width:600px;width:100%;background-color:#ffffff;border:1px solid ")
            .Append(Rule).Append(";border-radius:8px;font-family:").Append(Font).Append(";color:").Append(Ink).Append(";font-size:14px;line-height:20px\">");
        b.Append("<tr><td style=\"padding:20px 20px 4px\">").Append(E(w.Format(w.Greeting, v.RecipientName))).Append("</td></tr>");
        b.Append("<tr><td class=\"subject\" style=\"padding:4px 20px 12px;font-size:18px;line-height:24px;font-weight:700\">").Append(E(v.Subject)).Append("</td></tr>");
        b.Append("<tr><td style=\"padding:0 20px 12px\"><table role=\"presentation\" class=\"facts\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\">");
        Fact(b, v.Kind, v.Title);
        if (v.PreviousState is not null)
        {
            Fact(b, w.PreviousState, v.PreviousState);
        }

        Fact(b, w.State, v.State);
        b.Append("</table></td></tr>");
        if (v.Link is not null)
        {
            b.Append("<tr><td style=\"padding:4px 20px 20px\"><a class=\"open\" href=\"").Append(WebUtility.HtmlEncode(v.Link.AbsoluteUri))
                .Append("\" style=\"display:inline-block;background-color:").Append(Ink)
                .Append(";color:#ffffff;text-decoration:none;font-weight:600;padding:10px 18px;border-radius:6px\">").Append(E(w.Open)).Append("</a></td></tr>");
        }

        b.Append("<tr><td style=\"padding:12px 20px 20px;border-top:1px solid ").Append(Rule).Append(";color:").Append(Muted).Append(";font-size:12px\">")
            .Append(E(w.Footer)).Append("</td></tr>");
        b.Append("</table></td></tr></table></body></html>");
        return b.ToString();
    }

    private static void Fact(StringBuilder b, string label, string value) =>
        b.Append("<tr><td style=\"padding:2px 12px 2px 0;color:").Append(Muted).Append("\">").Append(E(label))
            .Append("</td><td style=\"padding:2px 0;font-weight:600\">").Append(E(value)).Append("</td></tr>");

    /// <summary>The view's text is made printable already (<see cref="DisplayText"/>); here it is only HTML-encoded.</summary>
    private static string E(string text) => WebUtility.HtmlEncode(text);
}
