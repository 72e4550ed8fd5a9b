using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Digests.Rendering;

/// <summary>Reads what a digest needs from the log store: the count, the groups by template, and the count per terminal.</summary>
internal sealed class DigestContentBuilder(ILogStore logs, DigestOptions options)
{
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
        var groups = count == 0
            ? []
            : await logs.GroupByTemplateAsync(query, options.MaxGroups, cancellationToken).ConfigureAwait(false);

        // Every terminal of the window, unlisted messages included, counted per kind: one grouping per kind, which a
        // store answers from its per-terminal counts, rather than one count per terminal.
        var perTerminal = new Dictionary<string, List<KeyValuePair<LogKind, long>>>(StringComparer.Ordinal);
        foreach (var kind in count == 0 ? Enumerable.Empty<LogKind>() : s.EffectiveKinds.Order())
        {
            var ofKind = query with { Kinds = new HashSet<LogKind> { kind } };
            foreach (var t in await logs.GroupByTerminalAsync(ofKind, int.MaxValue, cancellationToken).ConfigureAwait(false))
            {
                if (!perTerminal.TryGetValue(t.Terminal, out var kinds))
                {
                    perTerminal[t.Terminal] = kinds = [];
                }

                kinds.Add(KeyValuePair.Create(kind, t.Count));
            }
        }

        var terminals = perTerminal
            .Select(p => new TerminalCount(p.Key, p.Value.Sum(k => k.Value), p.Value))
            .OrderByDescending(t => t.Count)
            .ThenBy(t => t.Terminal, StringComparer.Ordinal)
            .Take(options.MaxTerminals)
            .ToArray();

        return new DigestContent
        {
            Subscription = s,
            Window = window,
            Count = count,
            IsTest = isTest,
            Groups = groups,
            UnlistedCount = Math.Max(0, count - groups.Sum(g => g.Count)),
            Terminals = terminals,
            UnlistedTerminals = Math.Max(0, perTerminal.Count - options.MaxTerminals),
        };
    }
}
