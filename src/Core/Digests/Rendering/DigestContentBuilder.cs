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
        var listed = groups.Take(options.MaxGroups).ToArray();

        var terminalNames = listed.SelectMany(g => g.Terminals).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
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
