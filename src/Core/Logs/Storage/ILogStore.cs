namespace PosFleet.Logs.Storage;

/// <summary>
/// Where classified log entries are kept (SQLite, PostgreSQL, memory). Appends are idempotent per source position and
/// carry the source's ingest checkpoint in the same transaction; queries are paged with a keyset cursor.
/// </summary>
public interface ILogStore
{
    /// <summary>
    /// Appends a batch of entries and, in the same transaction, moves the checkpoint of the source they were read from.
    /// An entry already stored (at or before the source's stored checkpoint) is not stored twice.
    /// </summary>
    /// <param name="batch">The entries and the checkpoint they reach.</param>
    /// <param name="cancellationToken">Cancels the append; nothing of the batch is then stored.</param>
    /// <returns>How many entries were new.</returns>
    /// <exception cref="ArgumentException">An entry names another source than the checkpoint.</exception>
    ValueTask<int> AppendAsync(LogBatch batch, CancellationToken cancellationToken);

    /// <summary>The checkpoint of a source, or <see langword="null"/> when nothing of it was ingested.</summary>
    ValueTask<IngestCheckpoint?> GetCheckpointAsync(string source, CancellationToken cancellationToken);

    /// <summary>Entries matching <paramref name="query"/>, newest first, one page at a time.</summary>
    /// <exception cref="ArgumentException"><paramref name="query"/> is larger than <see cref="LogQuery.Validate"/> allows, or its cursor is not this store's.</exception>
    ValueTask<LogPage> QueryAsync(LogQuery query, CancellationToken cancellationToken);

    /// <summary>Counts per hour, severity and kind over <paramref name="query"/>'s window and scope.</summary>
    ValueTask<IReadOnlyList<LogCountBucket>> CountAsync(LogQuery query, CancellationToken cancellationToken);

    /// <summary>Entries matching <paramref name="query"/> grouped by template, most frequent first.</summary>
    ValueTask<IReadOnlyList<LogTemplateGroup>> GroupByTemplateAsync(LogQuery query, int limit, CancellationToken cancellationToken);

    /// <summary>Entries matching <paramref name="query"/> grouped by terminal (entries without a terminal left out), most entries first.</summary>
    ValueTask<IReadOnlyList<LogTerminalGroup>> GroupByTerminalAsync(LogQuery query, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// How many distinct terminals wrote entries matching <paramref name="query"/> (entries without a terminal left
    /// out). The default lists them all with <see cref="GroupByTerminalAsync"/>; a store should count them instead.
    /// </summary>
    async ValueTask<long> CountTerminalsAsync(LogQuery query, CancellationToken cancellationToken) =>
        (await GroupByTerminalAsync(query, int.MaxValue, cancellationToken).ConfigureAwait(false)).Count;

    /// <summary>Deletes entries older than <paramref name="olderThan"/>, in bounded chunks.</summary>
    /// <returns>How many entries were deleted.</returns>
    ValueTask<long> DeleteOlderThanAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);
}
