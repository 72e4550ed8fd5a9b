namespace PosFleet.Actions.Terminal;

/// <summary>The journal in memory, for tests and hosts without storage (a restart forgets it, so recoveries need a durable journal).</summary>
internal sealed class InMemoryRemoteActionJournal : IRemoteActionJournal
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, RemoteActionEntry> _entries = [];
    private readonly List<RemoteActionReport> _reports = [];

    public ValueTask<bool> ReceiveAsync(RemoteActionDelivery delivery, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        lock (_lock)
        {
            return ValueTask.FromResult(_entries.TryAdd(delivery.Id, new RemoteActionEntry { Delivery = delivery, State = RemoteActionEntryState.Received, ReceivedAt = at }));
        }
    }

    public ValueTask<RemoteActionEntry?> GetAsync(Guid actionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_entries.GetValueOrDefault(actionId));
        }
    }

    public ValueTask<IReadOnlyList<RemoteActionEntry>> ListAsync(RemoteActionEntryState state, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<RemoteActionEntry> list = [.. _entries.Values.Where(e => e.State == state).OrderBy(e => e.ReceivedAt).ThenBy(e => e.Delivery.Id)];
            return ValueTask.FromResult(list);
        }
    }

    public ValueTask<bool> StartAsync(RemoteActionReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (_lock)
        {
            if (!_entries.TryGetValue(report.ActionId, out var entry)
                || !(entry.State is RemoteActionEntryState.Received || (entry.State is RemoteActionEntryState.Running && entry.Attempt < report.Attempt)))
            {
                return ValueTask.FromResult(false);
            }

            _entries[report.ActionId] = entry with { State = RemoteActionEntryState.Running, Attempt = report.Attempt };
            _reports.Add(report);
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<bool> FinishAsync(RemoteActionReport report, string? uploadPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (_lock)
        {
            if (!_entries.TryGetValue(report.ActionId, out var entry) || entry.State is RemoteActionEntryState.Uploading or RemoteActionEntryState.Finished)
            {
                return ValueTask.FromResult(false);
            }

            _entries[report.ActionId] = entry with
            {
                State = uploadPath is null ? RemoteActionEntryState.Finished : RemoteActionEntryState.Uploading,
                Attempt = Math.Max(entry.Attempt, report.Attempt),
                UploadPath = uploadPath,
            };
            _reports.Add(report);
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask SetUploadedAsync(Guid actionId, long uploaded, long length, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(actionId, out var entry) && entry.State is RemoteActionEntryState.Uploading && uploaded > entry.Uploaded)
            {
                _entries[actionId] = entry with { Uploaded = uploaded, State = uploaded >= length ? RemoteActionEntryState.Finished : entry.State };
            }

            return ValueTask.CompletedTask;
        }
    }

    public ValueTask<IReadOnlyList<RemoteActionReport>> PeekReportsAsync(int max, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<RemoteActionReport> reports = [.. _reports
                .Where(r => !(RemoteActionStates.IsDone(r.State) && _entries.TryGetValue(r.ActionId, out var e) && e.State is RemoteActionEntryState.Uploading))
                .Take(max)];
            return ValueTask.FromResult(reports);
        }
    }

    public ValueTask<int> AcknowledgeReportsAsync(IReadOnlyCollection<Guid> reportIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reportIds);
        lock (_lock)
        {
            return ValueTask.FromResult(_reports.RemoveAll(r => reportIds.Contains(r.Id)));
        }
    }

    public ValueTask<long> PurgeFinishedAsync(DateTimeOffset receivedBefore, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var purged = _entries.Values
                .Where(e => e.State is RemoteActionEntryState.Finished && e.ReceivedAt < receivedBefore && !_reports.Exists(r => r.ActionId == e.Delivery.Id))
                .Select(e => e.Delivery.Id).ToList();
            purged.ForEach(id => _entries.Remove(id));
            return ValueTask.FromResult((long)purged.Count);
        }
    }
}
