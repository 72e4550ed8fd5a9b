namespace PosFleet.Status;

/// <summary>Terminal status in memory, for tests and the smallest hosts: the latest per terminal and a bounded error list each.</summary>
internal sealed class InMemoryTerminalStatusStore : ITerminalStatusStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TerminalStatus> _latest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkedList<(long Sequence, SyncErrorRecord Record)>> _errors = new(StringComparer.Ordinal);
    private long _sequence;

    public ValueTask RecordAsync(TerminalStatus status, int maxErrorsPerTerminal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxErrorsPerTerminal, 1);
        lock (_lock)
        {
            if (!_latest.TryGetValue(status.TerminalId, out var held) || held.ReceivedAt <= status.ReceivedAt)
            {
                _latest[status.TerminalId] = status;
            }

            if (status.LastSyncError is { } error)
            {
                if (!_errors.TryGetValue(status.TerminalId, out var list))
                {
                    _errors[status.TerminalId] = list = new();
                }

                list.AddFirst((++_sequence, new SyncErrorRecord(status.TerminalId, status.Organization, status.ReceivedAt, error)));
                while (list.Count > maxErrorsPerTerminal)
                {
                    list.RemoveLast();
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<TerminalStatus?> GetAsync(string terminalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminalId);
        lock (_lock)
        {
            return ValueTask.FromResult(_latest.GetValueOrDefault(terminalId));
        }
    }

    public ValueTask<IReadOnlyList<string>> ListOrganizationsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult<IReadOnlyList<string>>(_latest.Values.Select(s => s.Organization).Distinct().Order(StringComparer.Ordinal).ToList());
        }
    }

    public ValueTask<StatusBoardPage> QueryAsync(StatusBoardAccess access, StatusBoardQuery query, TerminalHealthRules rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(rules);
        var targets = TerminalHealthJudge.TargetKeys(rules);
        var text = string.IsNullOrEmpty(query.Text) ? null : TerminalHealthJudge.AsciiLower(query.Text);
        var healths = query.Health is { Count: > 0 } h ? h.ToHashSet() : null;
        var since = query.UpdatedWithin is { } within ? rules.Now - within : (DateTimeOffset?)null;
        var after = query.After is not null && StatusBoardCursor.TryParse(query.After, out var c) ? c : (StatusBoardCursor?)null;
        List<TerminalStatus> statuses;
        lock (_lock)
        {
            statuses = [.. _latest.Values];
        }

        var rows = statuses
            .Where(s => access.Allows(s.Organization) && (query.Organization is null || s.Organization == query.Organization))
            .Where(s => since is null || s.ReceivedAt >= since)
            .Where(s => !query.HideSynced || s.LastSyncError is not null)
            .Where(s => text is null || new[] { s.TerminalId, s.Organization, s.ApplicationVersion, s.LastSyncError ?? "" }
                .Any(f => TerminalHealthJudge.AsciiLower(f).Contains(text, StringComparison.Ordinal)))
            .Select(s => new StatusBoardRow(s, TerminalHealthJudge.Judge(s, rules, targets), rules.TargetVersions.GetValueOrDefault(s.Organization)))
            .Where(r => healths is null || healths.Contains(r.Health))
            .Where(r => after is not { } a || Compare(query.Sort, StatusBoardCursor.For(query.Sort, r), a) > 0)
            .Order(Comparer<StatusBoardRow>.Create((x, y) => Compare(query.Sort, StatusBoardCursor.For(query.Sort, x), StatusBoardCursor.For(query.Sort, y))))
            .Take(query.Limit + 1)
            .ToList();
        var next = rows.Count > query.Limit ? StatusBoardCursor.For(query.Sort, rows[query.Limit - 1]).ToString() : null;
        return ValueTask.FromResult(new StatusBoardPage(rows.Take(query.Limit).ToList(), next));
    }

    public ValueTask<SyncErrorPage> ListErrorsAsync(StatusBoardAccess access, SyncErrorQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(query);
        var after = query.After is not null && SyncErrorCursor.TryParse(query.After, out var c) ? c : (SyncErrorCursor?)null;
        List<(long Sequence, SyncErrorRecord Record)> rows;
        lock (_lock)
        {
            rows = _errors.TryGetValue(query.TerminalId, out var list) ? [.. list] : [];
        }

        rows = rows
            .Where(e => access.Allows(e.Record.Organization) && (query.Organization is null || e.Record.Organization == query.Organization))
            .Select(e => (Key: new SyncErrorCursor(e.Record.ReceivedAt.UtcTicks, e.Sequence), Entry: e))
            .Where(e => after is not { } a || e.Key.ReceivedAtTicks < a.ReceivedAtTicks || (e.Key.ReceivedAtTicks == a.ReceivedAtTicks && e.Key.Sequence < a.Sequence))
            .OrderByDescending(e => e.Key.ReceivedAtTicks).ThenByDescending(e => e.Key.Sequence)
            .Take(query.Limit + 1)
            .Select(e => e.Entry)
            .ToList();
        var next = SyncErrorCursor.Next(rows, query.Limit, e => new SyncErrorCursor(e.Record.ReceivedAt.UtcTicks, e.Sequence));
        return ValueTask.FromResult(new SyncErrorPage(rows.Take(query.Limit).Select(e => e.Record).ToList(), next));
    }

    public ValueTask<long> PurgeErrorsAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        long deleted = 0;
        lock (_lock)
        {
            foreach (var list in _errors.Values)
            {
                for (var node = list.First; node is not null;)
                {
                    var nextNode = node.Next;
                    if (node.Value.Record.ReceivedAt < olderThan)
                    {
                        list.Remove(node);
                        deleted++;
                    }

                    node = nextNode;
                }
            }
        }

        return ValueTask.FromResult(deleted);
    }

    /// <summary>The board's order, as the SQL stores write it: positive when <paramref name="x"/> comes after <paramref name="y"/>.</summary>
    private static int Compare(StatusBoardSort sort, StatusBoardCursor x, StatusBoardCursor y)
    {
        var order = sort switch
        {
            StatusBoardSort.Organization => string.CompareOrdinal(x.Organization, y.Organization),
            StatusBoardSort.LastHeard => y.Number.CompareTo(x.Number),
            StatusBoardSort.Health => y.Number.CompareTo(x.Number) is var n and not 0 ? n : string.CompareOrdinal(x.Organization, y.Organization),
            _ => 0,
        };
        return order != 0 ? order : string.CompareOrdinal(x.Terminal, y.Terminal);
    }
}
