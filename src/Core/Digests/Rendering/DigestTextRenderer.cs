using System.Globalization;
using System.Text;

namespace PosFleet.Digests.Rendering;

/// <summary>
/// The plain-text part: the HTML part's content, in the same order, aligned for a monospace reader and bounded the
/// same way (no list longer than the caps of <see cref="DigestOptions"/> and <see cref="DigestContentBuilder"/>).
/// </summary>
internal static class DigestTextRenderer
{
    /// <summary>The widest terminal name column of the busiest-terminals table; longer names push their row out.</summary>
    private const int MaxNameColumn = 24;

    public static string Render(DigestView v)
    {
        var c = v.Content;
        var w = v.Words;
        var b = new StringBuilder();
        Heading(b, DisplayText.Escape(c.Subscription.Name), '=');
        if (c.IsTest)
        {
            b.Append("*** ").Append(w.TestBadge).Append(" *** ").AppendLine(w.TestNotice).AppendLine();
        }

        b.AppendLine(v.Summary);
        if (v.Scope.Length > 0)
        {
            b.Append(w.Scope).Append(": ").AppendLine(v.Scope);
        }

        b.AppendLine();
        if (c.Groups.Count == 0)
        {
            b.AppendLine(w.NoErrors);
        }
        else
        {
            b.AppendLine(string.Join(" · ", c.PerKind.Select(k => $"{v.KindName(k.Key)} {v.Number(k.Value)}"))).AppendLine();
            var i = 0;
            foreach (var section in v.Sections)
            {
                Heading(b, $"{section.Name.ToUpperInvariant()} ({v.Number(section.Count)})", '-');
                foreach (var g in section.Groups)
                {
                    Group(b, v, g, ++i);
                }

                b.AppendLine();
            }

            if (c.UnlistedCount > 0)
            {
                b.AppendLine(v.AndMore).AppendLine();
            }

            Terminals(b, v);
        }

        b.AppendLine().AppendLine("-- ").AppendLine(w.Footer);
        return b.ToString();
    }

    private static void Group(StringBuilder b, DigestView v, DigestGroup g, int number)
    {
        var w = v.Words;
        var indent = new string(' ', number.ToString(CultureInfo.InvariantCulture).Length + 2);
        b.Append(CultureInfo.InvariantCulture, $"{number}. {v.Template(g)} — ").AppendLine(v.Times(g.Message.Count));
        b.Append(indent).Append(CultureInfo.InvariantCulture, $"{w.Terminals} ({v.Number(g.Message.TerminalCount)}): ").AppendLine(v.TerminalNames(g));
        b.Append(indent).AppendLine(v.Seen(g));
        b.Append(indent).Append(w.Example).Append(": ").AppendLine(v.Example(g));
        if (g.Message.Hint is not null)
        {
            b.Append(indent).Append(w.Hint).Append(": ").AppendLine(DigestView.Clip(g.Message.Hint));
        }

        if (DigestView.IsSafeLink(g.Message.KnowledgeBaseUrl))
        {
            b.Append(indent).Append(w.KnowledgeBase).Append(": ").AppendLine(g.Message.KnowledgeBaseUrl!.AbsoluteUri);
        }
    }

    private static void Terminals(StringBuilder b, DigestView v)
    {
        var c = v.Content;
        if (c.Terminals.Count == 0)
        {
            return;
        }

        Heading(b, v.Words.ByTerminal, '-');
        var names = c.Terminals.Select(t => DisplayText.Escape(t.Terminal ?? v.Words.UnknownTerminal)).ToArray();
        var nameWidth = Math.Min(MaxNameColumn, Math.Max(v.Words.Terminal.Length, names.Max(n => n.Length)));
        var countWidth = Math.Max(v.Words.Total.Length, c.Terminals.Max(t => v.Number(t.Count).Length));
        b.Append(v.Words.Terminal.PadRight(nameWidth)).Append("  ").AppendLine(v.Words.Total.PadLeft(countWidth));
        for (var i = 0; i < names.Length; i++)
        {
            var t = c.Terminals[i];
            b.Append(names[i].PadRight(nameWidth)).Append("  ").Append(v.Number(t.Count).PadLeft(countWidth))
                .Append("  ").AppendLine(v.TerminalKinds(t));
        }

        if (c.UnlistedTerminals > 0)
        {
            b.AppendLine(v.AndMoreTerminals);
        }
    }

    private static void Heading(StringBuilder b, string title, char underline) =>
        b.AppendLine(title).AppendLine(new string(underline, Math.Min(72, title.Length)));
}
