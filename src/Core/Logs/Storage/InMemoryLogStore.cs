namespace PosFleet.Logs.Storage;

/// <summary>The log store of tests and small hosts: everything in memory, lost when the process ends.</summary>
internal sealed class InMemoryLogStore : ILogStore
{
    private readonly Lock _lock = new();
    private readonly List<Stored> _entries = [];
    private readonly Dictionary<string, IngestCheckpoint> _checkpoints = new(StringComparer.Ordinal);
    private long _sequence;

    public ValueTask<int> AppendAsync(LogBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var checkpoint = batch.Checkpoint;
        if (batch.Entries.FirstOrDefault(e => e.Position.Source != checkpoint.Source) is { } stray)
        {
            throw new ArgumentException($"The batch's entries must come from its checkpoint's source '{checkpoint.Source}'; line {stray.Position} does not.", nameof(batch));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var added = 0;
        lock (_lock)
        {
            var stored = _checkpoints.GetValueOrDefault(checkpoint.Source);
            if (stored is not null && (checkpoint.Generation < stored.Generation || (checkpoint.Generation == stored.Generation && checkpoint.Line < stored.Line)))
            {
                return ValueTask.FromResult(0);
            }

            var skipThrough = stored is not null && stored.Generation == checkpoint.Generation ? stored.Line : 0;
            foreach (var entry in batch.Entries.Where(e => e.Position.Line > skipThrough))
            {
                _entries.Add(new Stored(entry, ++_sequence));
                added++;
            }

            _checkpoints[checkpoint.Source] = checkpoint;
        }

        return ValueTask.FromResult(added);
    }

    public ValueTask<IngestCheckpoint?> GetCheckpointAsync(string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        lock (_lock)
        {
            return ValueTask.FromResult(_checkpoints.GetValueOrDefault(source));
        }
    }

    public ValueTask<LogPage> QueryAsync(LogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var after = query.After is null ? ((long, long)?)null : LogCursor.Decode(query.After);
        List<Stored> page;
        lock (_lock)
        {
            page = Newest(Matching(query))
                .Where(s => after is not { } a || s.Ticks < a.Item1 || (s.Ticks == a.Item1 && s.Sequence < a.Item2))
                .Take(query.Limit + 1)
                .ToList();
        }

        var more = page.Count > query.Limit;
        if (more)
        {
            page.RemoveAt(page.Count - 1);
        }

        var next = more ? LogCursor.Encode(page[^1].Ticks, page[^1].Sequence) : null;
        return ValueTask.FromResult(new LogPage([.. page.Select(s => s.Entry)], next));
    }

    public ValueTask<IReadOnlyList<LogCountBucket>> CountAsync(LogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        lock (_lock)
        {
            IReadOnlyList<LogCountBucket> buckets = [.. Matching(query)
                .GroupBy(s => (Hour: s.Ticks - (s.Ticks % TimeSpan.TicksPerHour), s.Entry.Severity, s.Entry.Kind))
                .OrderBy(g => g.Key.Hour).ThenBy(g => g.Key.Severity).ThenBy(g => g.Key.Kind)
                .Select(g => new LogCountBucket(new DateTimeOffset(g.Key.Hour, TimeSpan.Zero), g.Key.Severity, g.Key.Kind, g.LongCount()))];
            return ValueTask.FromResult(buckets);
        }
    }

    public ValueTask<IReadOnlyList<LogTemplateGroup>> GroupByTemplateAsync(LogQuery query, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (_lock)
        {
            IReadOnlyList<LogTemplateGroup> groups = [.. Matching(query)
                .GroupBy(s => s.Entry.TemplateId)
                .Select(g =>
                {
                    var latest = Newest(g).First().Entry;
                    var terminals = g.Select(s => s.Entry.Terminal).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                    return new LogTemplateGroup
                    {
                        TemplateId = g.Key,
                        Template = latest.Template,
                        Kind = latest.Kind,
                        Severity = g.Max(s => s.Entry.Severity),
                        Count = g.LongCount(),
                        FirstSeen = g.MinBy(s => s.Ticks)!.Entry.Timestamp,
                        LastSeen = latest.Timestamp,
                        Example = latest,
                        Terminals = [.. terminals.Take(LogTemplateGroup.MaxTerminalsListed)],
                        TerminalCount = terminals.Count,
                        Rule = latest.Rule,
                        Origin = latest.Origin,
                        Hint = latest.Hint,
                        KnowledgeBaseUrl = latest.KnowledgeBaseUrl,
                    };
                })
                .OrderByDescending(t => t.Count).ThenBy(t => t.Template, StringComparer.Ordinal)
                .Take(limit)];
            return ValueTask.FromResult(groups);
        }
    }

    public ValueTask<long> CountTerminalsAsync(LogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            return ValueTask.FromResult((long)Matching(query).Select(s => s.Entry.Terminal).OfType<string>().Distinct(StringComparer.Ordinal).Count());
        }
    }

    public ValueTask<IReadOnlyList<LogTerminalGroup>> GroupByTerminalAsync(LogQuery query, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (_lock)
        {
            IReadOnlyList<LogTerminalGroup> groups = [.. Matching(query)
                .Where(s => s.Entry.Terminal is not null)
                .GroupBy(s => s.Entry.Terminal!, StringComparer.Ordinal)
                .Select(g =>
                {
                    var latest = Newest(g).First().Entry;
                    return new LogTerminalGroup
                    {
                        Terminal = g.Key,
                        Organization = latest.Organization,
                        Count = g.LongCount(),
                        Kinds = g.GroupBy(s => s.Entry.Kind).OrderBy(k => k.Key).ToDictionary(k => k.Key, k => k.LongCount()),
                        LastSeen = latest.Timestamp,
                    };
                })
                .OrderByDescending(t => t.Count).ThenBy(t => t.Terminal, StringComparer.Ordinal)
                .Take(limit)];
            return ValueTask.FromResult(groups);
        }
    }

    public ValueTask<long> DeleteOlderThanAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var ticks = olderThan.UtcTicks;
            return ValueTask.FromResult((long)_entries.RemoveAll(s => s.Ticks < ticks));
        }
    }

    private static IOrderedEnumerable<Stored> Newest(IEnumerable<Stored> entries) =>
        entries.OrderByDescending(s => s.Ticks).ThenByDescending(s => s.Sequence);

    private IEnumerable<Stored> Matching(LogQuery q)
    {
        var from = q.From?.UtcTicks ?? long.MinValue;
        var to = q.To?.UtcTicks ?? long.MaxValue;
        return _entries.Where(s =>
            s.Ticks >= from && s.Ticks < to
            && (q.Organization is null || s.Entry.Organization == q.Organization)
            && (q.Terminal is null || s.Entry.Terminal == q.Terminal)
            && (q.Kinds is null || q.Kinds.Contains(s.Entry.Kind))
            && (q.Severities is null || q.Severities.Contains(s.Entry.Severity))
            && (q.TemplateId is null || s.Entry.TemplateId == q.TemplateId)
            && (q.Reference is null || s.Entry.Reference == q.Reference)
            && (q.Text is null || LogText.ContainsAllWords(s.Entry.Message, q.Text)));
    }

    private sealed record Stored(LogEntry Entry, long Sequence)
    {
        public long Ticks { get; } = Entry.Timestamp.UtcTicks;
    }
}
