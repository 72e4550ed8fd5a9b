using System.Globalization;
using System.Net;
using System.Text;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Digests.Rendering;

/// <summary>Puts a digest into words, in the subscription's culture, with dates in its time zone.</summary>
internal static class DigestRenderer
{
    public static RenderedDigest Render(DigestContent content)
    {
        var s = content.Subscription;
        var culture = CultureInfo.GetCultureInfo(s.Culture);
        var words = DigestStrings.For(culture);
        var zone = DigestSchedule.TimeZoneOf(s);
        string Date(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone).ToString("g", culture);
        string Number(long n) => n.ToString("N0", culture);

        var start = Date(content.Window.Start);
        var end = Date(content.Window.End);
        var subject = (content.IsTest ? words.TestPrefix : "")
            + words.Plural(words.Subject, content.Count, s.Name, Number(content.Count), start, end);
        var kinds = string.Join(", ", s.EffectiveKinds.Order().Select(k => k.ToString()));
        var summary = words.Plural(words.Summary, content.Count, Number(content.Count), kinds, start, end, s.TimeZone, Number(s.MinimumThreshold));
        var scope = string.Join(" · ", new[] { s.Organization, s.Terminal }.Where(x => x is not null));

        return new RenderedDigest(subject, Text(content, words, summary, scope, Date, Number), Html(content, words, subject, summary, scope, Date, Number));
    }

    private static string Text(DigestContent c, DigestStrings w, string summary, string scope, Func<DateTimeOffset, string> date, Func<long, string> number)
    {
        var b = new StringBuilder();
        b.AppendLine(c.Subscription.Name).AppendLine(new string('=', Math.Min(72, c.Subscription.Name.Length)));
        if (c.IsTest)
        {
            b.AppendLine(w.TestNotice).AppendLine();
        }

        b.AppendLine(summary);
        if (scope.Length > 0)
        {
            b.Append(w.Scope).Append(": ").AppendLine(scope);
        }

        b.AppendLine();
        if (c.Groups.Count == 0)
        {
            b.AppendLine(w.NoErrors);
        }
        else
        {
            b.AppendLine(w.ByTemplate).AppendLine(new string('-', w.ByTemplate.Length));
            var i = 0;
            foreach (var g in c.Groups)
            {
                b.Append(CultureInfo.InvariantCulture, $"{++i}. [{g.Kind}] {g.Template} — ").AppendLine(w.Plural(w.Times, g.Count, number(g.Count)));
                b.Append("   ").Append(w.FirstSeen).Append(": ").Append(date(g.FirstSeen)).Append(" · ").Append(w.LastSeen).Append(": ").AppendLine(date(g.LastSeen));
                b.Append("   ").Append(w.Terminals).Append(": ").AppendLine(string.Join(", ", g.Terminals));
                b.Append("   ").Append(w.Example).Append(": ").AppendLine(ExampleLine(g.Example, date));
                if (g.Hint is not null)
                {
                    b.Append("   ").Append(w.Hint).Append(": ").AppendLine(g.Hint);
                }

                if (g.KnowledgeBaseUrl is not null)
                {
                    b.Append("   ").Append(w.KnowledgeBase).Append(": ").AppendLine(g.KnowledgeBaseUrl.ToString());
                }
            }

            if (c.UnlistedCount > 0)
            {
                b.AppendLine(w.Plural(w.AndMore, c.UnlistedCount, number(c.UnlistedCount)));
            }

            b.AppendLine().AppendLine(w.ByTerminal).AppendLine(new string('-', w.ByTerminal.Length));
            foreach (var t in c.Terminals)
            {
                b.Append(CultureInfo.InvariantCulture, $"{t.Terminal ?? w.UnknownTerminal}: {number(t.Count)}")
                    .AppendLine(" (" + string.Join(", ", t.PerKind.Select(p => $"{p.Key} {number(p.Value)}")) + ")");
            }

            if (c.UnlistedTerminals > 0)
            {
                b.AppendLine(w.Plural(w.AndMoreTerminals, c.UnlistedTerminals, number(c.UnlistedTerminals)));
            }
        }

        b.AppendLine().AppendLine("-- ").AppendLine(w.Footer);
        return b.ToString();
    }

    private static string Html(DigestContent c, DigestStrings w, string subject, string summary, string scope, Func<DateTimeOffset, string> date, Func<long, string> number)
    {
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{w.Language}\"><head><meta charset=\"utf-8\"><title>{E(subject)}</title></head>");
        b.Append("<body style=\"font-family:sans-serif;font-size:14px;color:#222\">");
        b.Append(CultureInfo.InvariantCulture, $"<h1 style=\"font-size:20px\">{E(c.Subscription.Name)}</h1>");
        if (c.IsTest)
        {
            b.Append(CultureInfo.InvariantCulture, $"<p style=\"background:#fff3cd;padding:8px\"><strong>{E(w.TestNotice)}</strong></p>");
        }

        b.Append(CultureInfo.InvariantCulture, $"<p>{E(summary)}</p>");
        if (scope.Length > 0)
        {
            b.Append(CultureInfo.InvariantCulture, $"<p>{E(w.Scope)}: {E(scope)}</p>");
        }

        if (c.Groups.Count == 0)
        {
            b.Append(CultureInfo.InvariantCulture, $"<p>{E(w.NoErrors)}</p>");
        }
        else
        {
            b.Append(CultureInfo.InvariantCulture, $"<h2 style=\"font-size:16px\">{E(w.ByTemplate)}</h2><ol>");
            foreach (var g in c.Groups)
            {
                b.Append(CultureInfo.InvariantCulture, $"<li class=\"group\" data-count=\"{g.Count}\"><p><strong>[{g.Kind}] {E(g.Template)}</strong> — {E(w.Plural(w.Times, g.Count, number(g.Count)))}</p><ul>");
                b.Append(CultureInfo.InvariantCulture, $"<li>{E(w.FirstSeen)}: {E(date(g.FirstSeen))} · {E(w.LastSeen)}: {E(date(g.LastSeen))}</li>");
                b.Append(CultureInfo.InvariantCulture, $"<li>{E(w.Terminals)}: {E(string.Join(", ", g.Terminals))}</li>");
                b.Append(CultureInfo.InvariantCulture, $"<li>{E(w.Example)}: <code>{E(ExampleLine(g.Example, date))}</code></li>");
                if (g.Hint is not null)
                {
                    b.Append(CultureInfo.InvariantCulture, $"<li>{E(w.Hint)}: {E(g.Hint)}</li>");
                }

                if (g.KnowledgeBaseUrl is not null)
                {
                    var url = E(g.KnowledgeBaseUrl.ToString());
                    b.Append(CultureInfo.InvariantCulture, $"<li>{E(w.KnowledgeBase)}: <a href=\"{url}\">{url}</a></li>");
                }

                b.Append("</ul></li>");
            }

            b.Append("</ol>");
            if (c.UnlistedCount > 0)
            {
                b.Append(CultureInfo.InvariantCulture, $"<p>{E(w.Plural(w.AndMore, c.UnlistedCount, number(c.UnlistedCount)))}</p>");
            }

            b.Append(CultureInfo.InvariantCulture, $"<h2 style=\"font-size:16px\">{E(w.ByTerminal)}</h2><table style=\"border-collapse:collapse\">");
            foreach (var t in c.Terminals)
            {
                var kinds = string.Join(", ", t.PerKind.Select(p => $"{p.Key} {number(p.Value)}"));
                b.Append(CultureInfo.InvariantCulture, $"<tr><td style=\"padding:2px 16px 2px 0\">{E(t.Terminal ?? w.UnknownTerminal)}</td><td style=\"padding:2px 16px 2px 0;text-align:right\">{E(number(t.Count))}</td><td style=\"padding:2px 0;color:#555\">{E(kinds)}</td></tr>");
            }

            b.Append("</table>");
            if (c.UnlistedTerminals > 0)
            {
                b.Append(CultureInfo.InvariantCulture, $"<p>{E(w.Plural(w.AndMoreTerminals, c.UnlistedTerminals, number(c.UnlistedTerminals)))}</p>");
            }
        }

        b.Append(CultureInfo.InvariantCulture, $"<hr><p style=\"color:#888;font-size:12px\">{E(w.Footer)}</p></body></html>");
        return b.ToString();
    }

    private static string ExampleLine(LogEntry e, Func<DateTimeOffset, string> date) =>
        $"{date(e.Timestamp)} {e.Terminal}{(e.Terminal is null ? "" : ": ")}{e.Message}";
}
