using System.Text;

namespace PosFleet.Sync.Outbox;

/// <summary>The outbox in memory, for tests and the smallest hosts: lost when the process ends.</summary>
internal sealed class InMemoryOutbox : IOutbox
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, (OutboxMessage Message, int Bytes)> _messages = [];
    private readonly Dictionary<Guid, long> _sequences = [];
    private readonly List<RejectedOutboxMessage> _rejected = [];
    private long _last;

    public ValueTask<OutboxMessage> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        OutboxMessageRules.Check(message);
        lock (_lock)
        {
            if (_sequences.ContainsKey(message.Id))
            {
                throw new ArgumentException($"The outbox already holds a message with id {message.Id}; create each message with OutboxMessage.Create.", nameof(message));
            }

            var stored = message with { Sequence = ++_last };
            _messages.Add(stored.Sequence, (stored, Encoding.UTF8.GetByteCount(stored.Payload.GetRawText())));
            _sequences.Add(stored.Id, stored.Sequence);
            return ValueTask.FromResult(stored);
        }
    }

    public ValueTask<IReadOnlyList<OutboxMessage>> PeekAsync(int maxCount, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        var batch = new List<OutboxMessage>();
        long bytes = 0;
        lock (_lock)
        {
            foreach (var (message, size) in _messages.Values)
            {
                if (batch.Count == maxCount || (batch.Count > 0 && bytes + size > maxBytes))
                {
                    break;
                }

                batch.Add(message);
                bytes += size;
            }
        }

        return ValueTask.FromResult<IReadOnlyList<OutboxMessage>>(batch);
    }

    public ValueTask<int> AcknowledgeAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var deleted = 0;
        lock (_lock)
        {
            foreach (var id in ids)
            {
                if (_sequences.Remove(id, out var sequence))
                {
                    _messages.Remove(sequence);
                    deleted++;
                }
            }
        }

        return ValueTask.FromResult(deleted);
    }

    public ValueTask<int> RejectAsync(IReadOnlyCollection<OutboxRejection> rejections, DateTimeOffset rejectedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rejections);
        var moved = 0;
        lock (_lock)
        {
            foreach (var rejection in rejections)
            {
                if (_sequences.Remove(rejection.MessageId, out var sequence) && _messages.Remove(sequence, out var entry))
                {
                    _rejected.Add(new RejectedOutboxMessage(entry.Message, rejection.Reason, rejectedAt));
                    moved++;
                }
            }
        }

        return ValueTask.FromResult(moved);
    }

    public ValueTask<IReadOnlyList<RejectedOutboxMessage>> ListRejectedAsync(int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        lock (_lock)
        {
            IReadOnlyList<RejectedOutboxMessage> list = [.. Enumerable.Reverse(_rejected).Take(maxCount)];
            return ValueTask.FromResult(list);
        }
    }

    public ValueTask<long> CountRejectedAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult((long)_rejected.Count);
        }
    }

    public ValueTask<long> CountAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult((long)_messages.Count);
        }
    }
}
