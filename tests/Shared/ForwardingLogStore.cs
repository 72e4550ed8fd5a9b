using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Tests;

/// <summary>A log store that passes every call to another; test stores override the calls they watch or break.</summary>
internal abstract class ForwardingLogStore(ILogStore inner) : ILogStore
{
    public virtual ValueTask<int> AppendAsync(LogBatch batch, CancellationToken cancellationToken) => inner.AppendAsync(batch, cancellationToken);

    public virtual ValueTask<IngestCheckpoint?> GetCheckpointAsync(string source, CancellationToken cancellationToken) => inner.GetCheckpointAsync(source, cancellationToken);

    public virtual ValueTask<LogPage> QueryAsync(LogQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

    public virtual ValueTask<IReadOnlyList<LogCountBucket>> CountAsync(LogQuery query, CancellationToken cancellationToken) => inner.CountAsync(query, cancellationToken);

    public virtual ValueTask<IReadOnlyList<LogTemplateGroup>> GroupByTemplateAsync(LogQuery query, int limit, CancellationToken cancellationToken) =>
        inner.GroupByTemplateAsync(query, limit, cancellationToken);

    public virtual ValueTask<IReadOnlyList<LogTerminalGroup>> GroupByTerminalAsync(LogQuery query, int limit, CancellationToken cancellationToken) =>
        inner.GroupByTerminalAsync(query, limit, cancellationToken);

    public virtual ValueTask<long> DeleteOlderThanAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) => inner.DeleteOlderThanAsync(olderThan, cancellationToken);
}
