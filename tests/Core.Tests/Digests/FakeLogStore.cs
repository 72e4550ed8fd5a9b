using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Tests.Digests;

/// <summary>
/// A log store of a list, with just the two queries a digest makes (count, group by template). The real in-memory
/// and SQLite stores live in their own packages; this keeps the digest tests independent of them.
/// </summary>
internal sealed class FakeLogStore : ILogStore
{
    private readonly List<LogEntry> _entries = [];

    public int Queries { get; private set; }

    public FakeLogStore Add(DateTimeOffset at, LogKind kind, string terminal, string message, string? template = null, string? hint = null, Uri? kb = null, string organization = "shop-12")
    {
        template ??= message;
        lock (_entries)
        {
            _entries.Add(new LogEntry
            {
                Timestamp = at,
                Kind = kind,
                Severity = LogSeverity.Error,
                Terminal = terminal,
                Organization = organization,
                Message = message,
                Template = template,
                TemplateId = (ulong)template.GetHashCode(StringComparison.Ordinal) & 0xFFFFFFFF,
                Rule = hint is null ? null : "rule-" + kind,
                Hint = hint,
                KnowledgeBaseUrl = kb,
            });
        }

        return this;
    }

    public FakeLogStore AddMany(int count, DateTimeOffset from, TimeSpan step, LogKind kind, string terminal, string message, string? hint = null, Uri? kb = null)
    {
        for (var i = 0; i < count; i++)
        {
            Add(from + (step * i), kind, terminal, message, hint: hint, kb: kb);
        }

        return this;
    }

    public void Clear()
    {
        lock (_entries)
        {
            _entries.Clear();
        }
    }

    private LogEntry[] Match(LogQuery q)
    {
        Queries++;
        lock (_entries)
        {
            return _entries
                .Where(e => q.From is null || e.Timestamp >= q.From)
                .Where(e => q.To is null || e.Timestamp < q.To)
                .Where(e => q.Organization is null || e.Organization == q.Organization)
                .Where(e => q.Terminal is null || e.Terminal == q.Terminal)
                .Where(e => q.Kinds is null || q.Kinds.Contains(e.Kind))
                .ToArray();
        }
    }

    public ValueTask<IReadOnlyList<LogCountBucket>> CountAsync(LogQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<LogCountBucket>>(
        [
            .. Match(query)
                .GroupBy(e => (Hour: new DateTimeOffset(e.Timestamp.UtcDateTime.Date.AddHours(e.Timestamp.UtcDateTime.Hour), TimeSpan.Zero), e.Severity, e.Kind))
                .Select(g => new LogCountBucket(g.Key.Hour, g.Key.Severity, g.Key.Kind, g.Count())),
        ]);

    public ValueTask<IReadOnlyList<LogTemplateGroup>> GroupByTemplateAsync(LogQuery query, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<LogTemplateGroup>>(
        [
            .. Match(query)
                .GroupBy(e => e.TemplateId)
                .Select(g =>
                {
                    var latest = g.MaxBy(e => e.Timestamp)!;
                    return new LogTemplateGroup
                    {
                        TemplateId = g.Key,
                        Template = latest.Template,
                        Kind = latest.Kind,
                        Severity = g.Max(e => e.Severity),
                        Count = g.Count(),
                        FirstSeen = g.Min(e => e.Timestamp),
                        LastSeen = latest.Timestamp,
                        Example = latest,
                        Terminals = [.. g.Select(e => e.Terminal!).Distinct().Order(StringComparer.Ordinal)],
                        Rule = latest.Rule,
                        Hint = latest.Hint,
                        KnowledgeBaseUrl = latest.KnowledgeBaseUrl,
                    };
                })
                .OrderByDescending(g => g.Count)
                .Take(limit),
        ]);

    public ValueTask<int> AppendAsync(LogBatch batch, CancellationToken cancellationToken) => throw new NotSupportedException();

    public ValueTask<IngestCheckpoint?> GetCheckpointAsync(string source, CancellationToken cancellationToken) => throw new NotSupportedException();

    public ValueTask<LogPage> QueryAsync(LogQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

    public ValueTask<IReadOnlyList<LogTerminalGroup>> GroupByTerminalAsync(LogQuery query, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<LogTerminalGroup>>(
            [.. Match(query).GroupBy(e => e.Terminal ?? "")
                .Select(g => new LogTerminalGroup
                {
                    Terminal = g.Key, Organization = g.Last().Organization, Count = g.Count(),
                    Kinds = g.GroupBy(e => e.Kind).ToDictionary(k => k.Key, k => k.LongCount()), LastSeen = g.Max(e => e.Timestamp),
                })
                .OrderByDescending(g => g.Count).ThenBy(g => g.Terminal, StringComparer.Ordinal).Take(limit)]);

    public ValueTask<long> DeleteOlderThanAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) => throw new NotSupportedException();
}
