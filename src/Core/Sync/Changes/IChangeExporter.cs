namespace PosFleet.Sync.Changes;

/// <summary>The back office's side of the incremental export: reads the tracked changes of an organization since a checkpoint.</summary>
public interface IChangeExporter
{
    /// <summary>
    /// Reads the next batch of <paramref name="organization"/>'s changes after <paramref name="checkpoint"/>, at most
    /// <see cref="SyncTablesOptions.MaxBatchRows"/> rows and about <see cref="SyncTablesOptions.MaxBatchBytes"/> bytes,
    /// from one consistent snapshot: a row committed while it reads is in this batch or a later one, never skipped.
    /// </summary>
    /// <param name="organization">The organization.</param>
    /// <param name="terminalId">The terminal the batch is for: rows assigned to other terminals come as removals; <see langword="null"/> for every row.</param>
    /// <param name="checkpoint">The terminal's checkpoint (0 for everything).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The batch, with its new checkpoint.</returns>
    ValueTask<ChangeBatch> ExportAsync(string organization, string? terminalId, long checkpoint, CancellationToken cancellationToken);

    /// <summary>Lists the rows of the tables with a <see cref="SyncTable.TerminalColumn"/> and the terminal each is assigned to.</summary>
    /// <param name="organization">The organization.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The assignments, by table, terminal and key.</returns>
    ValueTask<IReadOnlyList<TerminalRowAssignment>> ListAssignmentsAsync(string organization, CancellationToken cancellationToken);
}
