using System.Data.Common;

namespace PosFleet.Sync.Inbox;

/// <summary>
/// The inbox in memory, for tests and the smallest hosts. Transactions run one at a time; the records of one are
/// kept only when it commits. A handler's own effects are not in a database transaction here, so they are not undone
/// when the transaction is not committed: a durable back office uses a database store.
/// </summary>
internal sealed class InMemorySyncInboxStore : ISyncInboxStore, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Terminal, Guid Message), SyncInboxRecord> _records = [];

    public async ValueTask<ISyncInboxTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new InboxTransaction(this);
    }

    public ValueTask<bool> ContainsAsync(string terminalId, Guid messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminalId);
        lock (_lock)
        {
            return ValueTask.FromResult(_records.ContainsKey((terminalId, messageId)));
        }
    }

    public ValueTask<long> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var old = _records.Where(r => r.Value.ReceivedAt < olderThan).Select(r => r.Key).ToList();
            foreach (var key in old)
            {
                _records.Remove(key);
            }

            return ValueTask.FromResult((long)old.Count);
        }
    }

    public void Dispose() => _gate.Dispose();

    private sealed class InboxTransaction(InMemorySyncInboxStore store) : ISyncInboxTransaction
    {
        private readonly List<SyncInboxRecord> _pending = [];
        private bool _done;

        public DbConnection? Connection => null;

        public DbTransaction? Transaction => null;

        public ValueTask<bool> TryRecordAsync(SyncInboxRecord record, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(record);
            ObjectDisposedException.ThrowIf(_done, this);
            lock (store._lock)
            {
                if (store._records.ContainsKey((record.TerminalId, record.MessageId))
                    || _pending.Exists(p => p.TerminalId == record.TerminalId && p.MessageId == record.MessageId))
                {
                    return ValueTask.FromResult(false);
                }
            }

            _pending.Add(record);
            return ValueTask.FromResult(true);
        }

        public ValueTask CommitAsync(CancellationToken cancellationToken)
        {
            ObjectDisposedException.ThrowIf(_done, this);
            lock (store._lock)
            {
                foreach (var record in _pending)
                {
                    store._records[(record.TerminalId, record.MessageId)] = record;
                }
            }

            _pending.Clear();
            return DisposeAsync();
        }

        public ValueTask DisposeAsync()
        {
            if (!_done)
            {
                _done = true;
                store._gate.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
