using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Digests.Rendering;

/// <summary>Reads what a digest needs from the log store: the count, the groups by template, and the count per terminal.</summary>
internal sealed class DigestContentBuilder(ILogStore logs, DigestOptions options)
{
    private const int TerminalSourceGroups = 500;

    public static LogQuery QueryFor(DigestSubscription s, DigestWindow window) => new()
    {
        From = window.Start,
        To = window.End,
        Organization = s.Organization,
        Terminal = s.Terminal,
        Kinds = s.EffectiveKinds,
    };

    public async ValueTask<long> CountAsync(DigestSubscription s, DigestWindow window, CancellationToken cancellationToken)
    {
        var buckets = await logs.CountAsync(QueryFor(s, window), cancellationToken).ConfigureAwait(false);
        return buckets.Where(b => s.EffectiveKinds.Contains(b.Kind)).Sum(b => b.Count);
    }

    public async ValueTask<DigestContent> BuildAsync(DigestSubscription s, DigestWindow window, long count, bool isTest, CancellationToken cancellationToken)
    {
        var query = QueryFor(s, window);
        // More groups than listed, so that the section per terminal also counts the terminals of unlisted messages.
        var groups = count == 0
            ? []
            : await logs.GroupByTemplateAsync(query, Math.Max(options.MaxGroups, TerminalSourceGroups), cancellationToken).ConfigureAwait(false);
        var listed = groups.Take(options.MaxGroups).ToArray();

        // Groups count entries, not entries per terminal: the sum of a terminal's groups ranks it (an upper bound),
        // and the listed terminals are then counted exactly.
        var terminalNames = groups
            .SelectMany(g => g.Terminals.Select(t => (Terminal: t, g.Count)))
            .GroupBy(x => x.Terminal, StringComparer.Ordinal)
            .OrderByDescending(x => x.Sum(y => y.Count))
            .ThenBy(x => x.Key, StringComparer.Ordinal)
            .Select(x => x.Key)
            .ToArray();
        var terminals = new List<TerminalCount>();
        foreach (var terminal in terminalNames.Take(options.MaxTerminals))
        {
            var buckets = await logs.CountAsync(query with { Terminal = terminal }, cancellationToken).ConfigureAwait(false);
            var perKind = buckets
                .Where(b => s.EffectiveKinds.Contains(b.Kind))
                .GroupBy(b => b.Kind)
                .Select(g => KeyValuePair.Create(g.Key, g.Sum(b => b.Count)))
                .OrderBy(p => p.Key)
                .ToArray();
            terminals.Add(new TerminalCount(terminal, perKind.Sum(p => p.Value), perKind));
        }

        return new DigestContent
        {
            Subscription = s,
            Window = window,
            Count = count,
            IsTest = isTest,
            Groups = listed,
            UnlistedCount = Math.Max(0, count - listed.Sum(g => g.Count)),
            Terminals = [.. terminals.OrderByDescending(t => t.Count).ThenBy(t => t.Terminal, StringComparer.Ordinal)],
            UnlistedTerminals = Math.Max(0, terminalNames.Length - options.MaxTerminals),
        };
    }
}
