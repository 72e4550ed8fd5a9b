using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Tests.Logs.Retention;

/// <summary>An in-memory store whose next delete fails when asked to, as a store that is briefly unreachable would.</summary>
internal sealed class FailingOnceLogStore : ILogStore
{
    private readonly InMemoryLogStore _inner = new();

    public bool FailNext { get; set; }

    public int Deletes { get; private set; }

    public ValueTask<long> DeleteOlderThanAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        Deletes++;
        if (FailNext)
        {
            FailNext = false;
            throw new PosFleetStorageException("The store 'fleet.db' is busy.");
        }

        return _inner.DeleteOlderThanAsync(olderThan, cancellationToken);
    }

    public ValueTask<int> AppendAsync(LogBatch batch, CancellationToken cancellationToken) => _inner.AppendAsync(batch, cancellationToken);

    public ValueTask<IngestCheckpoint?> GetCheckpointAsync(string source, CancellationToken cancellationToken) => _inner.GetCheckpointAsync(source, cancellationToken);

    public ValueTask<LogPage> QueryAsync(LogQuery query, CancellationToken cancellationToken) => _inner.QueryAsync(query, cancellationToken);

    public ValueTask<IReadOnlyList<LogCountBucket>> CountAsync(LogQuery query, CancellationToken cancellationToken) => _inner.CountAsync(query, cancellationToken);

    public ValueTask<IReadOnlyList<LogTemplateGroup>> GroupByTemplateAsync(LogQuery query, int limit, CancellationToken cancellationToken) =>
        _inner.GroupByTemplateAsync(query, limit, cancellationToken);

    public ValueTask<IReadOnlyList<LogTerminalGroup>> GroupByTerminalAsync(LogQuery query, int limit, CancellationToken cancellationToken) =>
        _inner.GroupByTerminalAsync(query, limit, cancellationToken);
}
