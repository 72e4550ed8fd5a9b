using System.Net;
using System.Text;
using PosFleet.Logs;

namespace PosFleet.Digests.Rendering;

/// <summary>
/// The HTML part, written for mail clients rather than browsers: nested tables with <c>width</c>, <c>bgcolor</c> and
/// <c>align</c> attributes beside inline styles (Outlook's Word engine ignores much CSS, Gmail strips <c>&lt;style&gt;</c>),
/// no external images or fonts, a 600px column that shrinks to a phone's width. Every piece of log text and every
/// name is HTML-encoded: log lines are untrusted. Links are printed only for http, https and mailto addresses.
/// </summary>
internal static class DigestHtmlRenderer
{
    private const string Font = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
    private const string Mono = "SFMono-Regular,Menlo,Consolas,'Liberation Mono',monospace";
    private const string Page = "#f3f4f6";
    private const string Ink = "#111827";
    private const string Muted = "#6b7280";
    private const string Rule = "#e5e7eb";

    public static string Render(DigestView v)
    {
        var c = v.Content;
        var w = v.Words;
        var b = new StringBuilder(16 * 1024);

        // color-scheme "light only": clients that recolour mail in dark mode would otherwise invert the kinds' colours.
        b.Append("<!DOCTYPE html><html lang=\"").Append(E(w.Language)).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"x-apple-disable-message-reformatting\">")
            .Append("<meta name=\"color-scheme\" content=\"light only\"><meta name=\"supported-color-schemes\" content=\"light only\">")
            .Append("<title>").Append(E(v.Subject)).Append("</title></head>");
        b.Append("<body style=\"margin:0;padding:0;background-color:").Append(Page).Append("\" bgcolor=\"").Append(Page).Append("\">");

        // The preview line mail clients show under the subject.
        b.Append("<div style=\"display:none;max-height:0;overflow:hidden;mso-hide:all\">").Append(E(v.Summary)).Append("</div>");
        b.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" bgcolor=\"").Append(Page)
            .Append("\" style=\"background-color:").Append(Page).Append("\"><tr><td align=\"center\" style=\"padding:16px 8px\">");
        b.Append("<!--[if mso]><table role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td><![endif]-->");
        b.Append("<table role=\"presentation\" class=\"digest\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"max-width:600px;width:100%;font-family:")
            .Append(Font).Append(";color:").Append(Ink).Append(";font-size:14px;line-height:20px\">");

        Headline(b, v);
        if (c.Groups.Count == 0)
        {
            Card(b, $"<p style=\"margin:0;font-size:15px\">{E(w.NoErrors)}</p>");
        }
        else
        {
            foreach (var section in v.Sections)
            {
                Section(b, v, section);
            }

            if (c.UnlistedCount > 0)
            {
                b.Append("<tr><td class=\"unlisted\" style=\"padding:0 4px 12px;color:").Append(Muted).Append(";font-size:13px\">")
                    .Append(E(v.AndMore)).Append("</td></tr>");
            }

            Terminals(b, v);
        }

        b.Append("<tr><td align=\"center\" style=\"padding:8px 16px 24px;color:#9ca3af;font-size:12px\">").Append(E(w.Footer)).Append("</td></tr>");
        b.Append("</table><!--[if mso]></td></tr></table><![endif]--></td></tr></table></body></html>");
        return b.ToString();
    }

    private static void Headline(StringBuilder b, DigestView v)
    {
        var c = v.Content;
        var w = v.Words;
        b.Append("<tr><td class=\"headline\" bgcolor=\"").Append(Ink).Append("\" style=\"background-color:").Append(Ink)
            .Append(";border-radius:8px 8px 0 0;padding:20px 20px 18px;color:#ffffff\">");
        if (c.IsTest)
        {
            b.Append("<span class=\"test-badge\" style=\"display:inline-block;background-color:#f59e0b;color:").Append(Ink)
                .Append(";font-size:11px;font-weight:700;letter-spacing:1px;padding:2px 8px;border-radius:4px;margin-bottom:8px\">")
                .Append(E(w.TestBadge)).Append("</span><br>");
        }

        b.Append("<div style=\"font-size:14px;color:#d1d5db;font-weight:600\">").Append(E(c.Subscription.Name)).Append("</div>");
        b.Append("<div class=\"count\" style=\"font-size:36px;line-height:44px;font-weight:700;color:#ffffff\">").Append(E(v.Number(c.Count)))
            .Append(" <span style=\"font-size:18px;font-weight:400;color:#d1d5db\">").Append(E(v.ErrorsUnit(c.Count))).Append("</span></div>");
        b.Append("<div class=\"window\" style=\"font-size:13px;color:#d1d5db\">").Append(E(v.WindowText)).Append("</div>");
        b.Append("<div style=\"font-size:13px;color:#9ca3af\">").Append(E(w.Threshold)).Append(": ").Append(E(v.Number(c.Subscription.MinimumThreshold)));
        if (v.Scope.Length > 0)
        {
            b.Append(" · ").Append(E(w.Scope)).Append(": ").Append(E(v.Scope));
        }

        b.Append("</div></td></tr>");
        if (c.IsTest)
        {
            b.Append("<tr><td class=\"test-notice\" bgcolor=\"#fef3c7\" style=\"background-color:#fef3c7;border-left:4px solid #f59e0b;padding:10px 16px;font-size:13px;color:#78350f\">")
                .Append("<strong>").Append(E(w.TestBadge)).Append("</strong> · ").Append(E(w.TestNotice)).Append("</td></tr>");
        }

        if (c.PerKind.Count > 0)
        {
            // One tile per kind present, side by side: the count of each kind at a glance.
            b.Append("<tr><td bgcolor=\"#ffffff\" style=\"background-color:#ffffff;padding:12px 12px;border-radius:0 0 8px 8px;border-bottom:1px solid ").Append(Rule)
                .Append("\"><table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr>");
            var width = 100 / c.PerKind.Count;
            foreach (var (kind, count) in c.PerKind)
            {
                b.Append("<td class=\"kind-total\" data-kind=\"").Append(kind).Append("\" width=\"").Append(width).Append("%\" align=\"center\" valign=\"top\" style=\"padding:4px 2px\">")
                    .Append("<div style=\"font-size:20px;line-height:26px;font-weight:700;color:").Append(Colour(kind)).Append("\">").Append(E(v.Number(count))).Append("</div>")
                    .Append("<div style=\"font-size:12px;line-height:16px;color:").Append(Muted).Append("\">").Append(E(v.KindName(kind))).Append("</div></td>");
            }

            b.Append("</tr></table></td></tr>");
        }

        b.Append("<tr><td height=\"16\" style=\"font-size:0;line-height:0\">&nbsp;</td></tr>");
    }

    private static void Section(StringBuilder b, DigestView v, DigestSection section)
    {
        var colour = Colour(section.Kind);
        b.Append("<tr><td style=\"padding:0 0 16px\"><table role=\"presentation\" class=\"kind\" data-kind=\"").Append(section.Kind)
            .Append("\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" bgcolor=\"#ffffff\" style=\"background-color:#ffffff;border:1px solid ")
            .Append(Rule).Append(";border-top:4px solid ").Append(colour).Append(";border-radius:6px\">");
        b.Append("<tr><td style=\"padding:12px 16px 8px\"><table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr>")
            .Append("<td style=\"font-size:16px;font-weight:700;color:").Append(colour).Append("\">").Append(E(section.Name)).Append("</td>")
            .Append("<td align=\"right\" style=\"font-size:16px;font-weight:700;color:").Append(colour).Append("\">").Append(E(v.Number(section.Count))).Append("</td>")
            .Append("</tr></table></td></tr>");
        foreach (var g in section.Groups)
        {
            Group(b, v, g, colour);
        }

        b.Append("</table></td></tr>");
    }

    private static void Group(StringBuilder b, DigestView v, DigestGroup g, string colour)
    {
        var w = v.Words;
        var m = g.Message;
        b.Append("<tr class=\"group\" data-count=\"").Append(m.Count).Append("\"><td style=\"padding:12px 16px;border-top:1px solid ").Append(Rule).Append("\">");
        b.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr>")
            .Append("<td class=\"template\" valign=\"top\" style=\"font-size:14px;line-height:20px;font-weight:600;word-break:break-word\">").Append(Template(v.Template(g))).Append("</td>")
            .Append("<td class=\"group-count\" width=\"64\" valign=\"top\" align=\"right\" style=\"font-size:18px;line-height:20px;font-weight:700;color:").Append(colour)
            .Append(";padding-left:8px;white-space:nowrap\">").Append(E(v.Number(m.Count))).Append("</td></tr></table>");
        b.Append("<div class=\"terminals\" style=\"font-size:13px;color:#374151;padding-top:4px\"><strong>").Append(E(v.TerminalCount(g))).Append("</strong> · ")
            .Append(E(v.TerminalNames(g))).Append("</div>");
        b.Append("<div style=\"font-size:12px;color:").Append(Muted).Append(";padding-top:2px\">").Append(E(v.Seen(g))).Append("</div>");
        b.Append("<div class=\"example\" style=\"font-family:").Append(Mono).Append(";font-size:12px;line-height:16px;color:#374151;background-color:#f9fafb;border:1px solid ")
            .Append(Rule).Append(";border-radius:4px;padding:6px 8px;margin-top:8px;word-break:break-word;overflow-wrap:anywhere\">").Append(E(v.Example(g))).Append("</div>");
        if (m.Hint is not null || DigestView.IsSafeLink(m.KnowledgeBaseUrl))
        {
            b.Append("<table role=\"presentation\" class=\"hint\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"margin-top:8px\"><tr>")
                .Append("<td bgcolor=\"#eff6ff\" style=\"background-color:#eff6ff;border-left:3px solid #2563eb;padding:8px 10px;font-size:13px;color:#1e3a8a\">");
            if (m.Hint is not null)
            {
                b.Append("<strong>").Append(E(w.Hint)).Append(":</strong> ").Append(E(DigestView.Clip(m.Hint)));
            }

            if (DigestView.IsSafeLink(m.KnowledgeBaseUrl))
            {
                b.Append(m.Hint is null ? "" : "<br>").Append("<a href=\"").Append(E(m.KnowledgeBaseUrl!.AbsoluteUri))
                    .Append("\" style=\"color:#2563eb;font-weight:600;text-decoration:none\">").Append(E(w.KnowledgeBase)).Append(" &rsaquo;</a>");
            }

            b.Append("</td></tr></table>");
        }

        b.Append("</td></tr>");
    }

    private static void Terminals(StringBuilder b, DigestView v)
    {
        var c = v.Content;
        if (c.Terminals.Count == 0)
        {
            return;
        }

        var w = v.Words;
        b.Append("<tr><td style=\"padding:0 0 16px\"><table role=\"presentation\" class=\"terminals-table\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" bgcolor=\"#ffffff\" style=\"background-color:#ffffff;border:1px solid ")
            .Append(Rule).Append(";border-top:4px solid #374151;border-radius:6px\">");
        b.Append("<tr><td colspan=\"3\" style=\"padding:12px 16px 8px;font-size:16px;font-weight:700\">").Append(E(w.ByTerminal)).Append("</td></tr>");
        var cell = $"padding:6px 16px;border-top:1px solid {Rule};font-size:13px";
        foreach (var t in c.Terminals)
        {
            b.Append("<tr class=\"terminal\" data-count=\"").Append(t.Count).Append("\">")
                .Append("<td style=\"").Append(cell).Append(";font-weight:600;word-break:break-all\">").Append(E(t.Terminal ?? w.UnknownTerminal)).Append("</td>")
                .Append("<td style=\"").Append(cell).Append(";color:").Append(Muted).Append(";font-size:12px\">").Append(E(v.TerminalKinds(t))).Append("</td>")
                .Append("<td align=\"right\" style=\"").Append(cell).Append(";font-weight:700;white-space:nowrap\">").Append(E(v.Number(t.Count))).Append("</td></tr>");
        }

        if (c.UnlistedTerminals > 0)
        {
            b.Append("<tr><td colspan=\"3\" class=\"unlisted-terminals\" style=\"").Append(cell).Append(";color:").Append(Muted).Append("\">")
                .Append(E(v.AndMoreTerminals)).Append("</td></tr>");
        }

        b.Append("</table></td></tr>");
    }

    private static void Card(StringBuilder b, string html) =>
        b.Append("<tr><td bgcolor=\"#ffffff\" style=\"background-color:#ffffff;border:1px solid ").Append(Rule).Append(";border-radius:6px;padding:16px\">")
            .Append(html).Append("</td></tr><tr><td height=\"16\" style=\"font-size:0;line-height:0\">&nbsp;</td></tr>");

    /// <summary>Each kind's colour: red for errors, orange for failures, purple for offline, blue for retries.</summary>
    private static string Colour(LogKind kind) => kind switch
    {
        LogKind.Error => "#dc2626",
        LogKind.Fail => "#ea580c",
        LogKind.Offline => "#7c3aed",
        LogKind.Retry => "#2563eb",
        _ => "#4b5563",
    };

    /// <summary>The template, encoded, with its folded variable parts (<c>&lt;*&gt;</c>) greyed out.</summary>
    private static string Template(string template) =>
        E(template).Replace("&lt;*&gt;", "<span style=\"color:#9ca3af;font-weight:400\">&lt;*&gt;</span>", StringComparison.Ordinal);

    private static string E(string? text) => WebUtility.HtmlEncode(DisplayText.Escape(text));
}
