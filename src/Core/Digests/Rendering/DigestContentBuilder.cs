using System.Globalization;
using PosFleet.Logs;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Storage;

namespace PosFleet.Digests.Rendering;

/// <summary>Reads what a digest needs from the log store: the count, the groups by template, and the count per terminal.</summary>
/// <param name="logs">The log store.</param>
/// <param name="options">The digest options.</param>
/// <param name="rules">The host's rule catalog: each group's hint and knowledge-base link are those of its rule (the built-in rules when none is given).</param>
internal sealed class DigestContentBuilder(ILogStore logs, DigestOptions options, IClassificationRuleCatalog? rules = null)
{
    private readonly IClassificationRuleCatalog _rules = rules ?? new ClassificationRuleCatalog(DefaultClassificationRules.All);

    /// <summary>How many terminals a digest names for one message before "and N more" (the busiest for that message).</summary>
    public const int TerminalsPerMessage = 3;

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

        // The terminals that wrote each listed message most: one bounded grouping per message, never the full list.
        var listed = new List<DigestGroup>(groups.Count);
        foreach (var g in groups)
        {
            var top = await logs.GroupByTerminalAsync(query with { TemplateId = g.TemplateId }, TerminalsPerMessage, cancellationToken).ConfigureAwait(false);
            listed.Add(new DigestGroup(Translated(g, CultureInfo.GetCultureInfo(s.Culture)), [.. top.Select(t => t.Terminal)]));
        }

        var perKind = count == 0
            ? []
            : (await logs.CountAsync(query, cancellationToken).ConfigureAwait(false))
                .Where(b => s.EffectiveKinds.Contains(b.Kind))
                .GroupBy(b => b.Kind)
                .OrderBy(k => k.Key)
                .Select(k => KeyValuePair.Create(k.Key, k.Sum(b => b.Count)))
                .ToArray();

        // The busiest terminals of the window (unlisted messages included) with their counts per kind, and how many
        // terminals there are: a bounded grouping and a count, never every terminal's name.
        var terminals = count == 0 || options.MaxTerminals == 0
            ? []
            : (await logs.GroupByTerminalAsync(query, options.MaxTerminals, cancellationToken).ConfigureAwait(false))
                .Select(t => new TerminalCount(t.Terminal, t.Count, [.. t.Kinds.Where(k => s.EffectiveKinds.Contains(k.Key)).OrderBy(k => k.Key)]))
                .ToArray();
        var terminalCount = count == 0 ? 0 : await logs.CountTerminalsAsync(query, cancellationToken).ConfigureAwait(false);

        return new DigestContent
        {
            Subscription = s,
            Window = window,
            Count = count,
            IsTest = isTest,
            PerKind = perKind,
            Groups = listed,
            UnlistedCount = Math.Max(0, count - groups.Sum(g => g.Count)),
            Terminals = terminals,
            UnlistedTerminals = Math.Max(0, terminalCount - terminals.Length),
        };
    }

    /// <summary>
    /// The group with its rule's hint in the subscription's culture and its rule's knowledge-base link, looked up by
    /// rule; a group whose rule the host no longer has keeps what was stored with its entries.
    /// </summary>
    private LogTemplateGroup Translated(LogTemplateGroup g, CultureInfo culture) =>
        g.Rule is not null && _rules.FindRule(g.Rule) is { } rule
            ? g with { Hint = rule.HintFor(culture) ?? g.Hint, KnowledgeBaseUrl = rule.KnowledgeBaseUrl ?? g.KnowledgeBaseUrl }
            : g;
}
