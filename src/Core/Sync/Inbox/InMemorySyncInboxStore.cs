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
    private readonly Dictionary<(string Terminal, Guid Message), SyncDeadLetter> _deadLetters = [];

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

    public ValueTask<SyncDeadLetter?> FindDeadLetterAsync(string terminalId, Guid messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminalId);
        lock (_lock)
        {
            return ValueTask.FromResult(_deadLetters.GetValueOrDefault((terminalId, messageId)));
        }
    }

    public ValueTask<IReadOnlyList<SyncDeadLetter>> ListDeadLettersAsync(string terminalId, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminalId);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        lock (_lock)
        {
            IReadOnlyList<SyncDeadLetter> list = [.. _deadLetters.Values.Where(d => d.TerminalId == terminalId)
                .OrderByDescending(d => d.RejectedAt).ThenByDescending(d => d.MessageId).Take(maxCount)];
            return ValueTask.FromResult(list);
        }
    }

    public ValueTask<long> CountDeadLettersAsync(string terminalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminalId);
        lock (_lock)
        {
            return ValueTask.FromResult((long)_deadLetters.Values.Count(d => d.TerminalId == terminalId));
        }
    }

    public ValueTask<long> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var letters = _deadLetters.Where(d => d.Value.RejectedAt < olderThan).Select(d => d.Key).ToList();
            foreach (var key in letters)
            {
                _deadLetters.Remove(key);
            }

            var old = _records.Where(r => r.Value.ReceivedAt < olderThan).Select(r => r.Key).ToList();
            foreach (var key in old)
            {
                _records.Remove(key);
            }

            return ValueTask.FromResult((long)(old.Count + letters.Count));
        }
    }

    public void Dispose() => _gate.Dispose();

    private sealed class InboxTransaction(InMemorySyncInboxStore store) : ISyncInboxTransaction
    {
        private readonly List<SyncInboxRecord> _pending = [];
        private readonly List<SyncDeadLetter> _pendingDeadLetters = [];
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

        public ValueTask RecordDeadLetterAsync(SyncDeadLetter deadLetter, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(deadLetter);
            ObjectDisposedException.ThrowIf(_done, this);
            _pendingDeadLetters.Add(deadLetter);
            return ValueTask.CompletedTask;
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

                foreach (var deadLetter in _pendingDeadLetters)
                {
                    store._deadLetters[(deadLetter.TerminalId, deadLetter.MessageId)] = deadLetter;
                }
            }

            _pending.Clear();
            _pendingDeadLetters.Clear();
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
