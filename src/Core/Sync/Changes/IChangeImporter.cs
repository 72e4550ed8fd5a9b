namespace PosFleet.Sync.Changes;

/// <summary>
/// The terminal's side of the incremental export: applies change batches to the host's tables. Each batch and the new
/// checkpoint commit in one transaction, so an import stopped at any point (a crash, a kill) resumes from the last
/// batch committed, and a batch imported twice writes nothing the second time.
/// </summary>
public interface IChangeImporter
{
    /// <summary>The checkpoint the terminal holds for <paramref name="organization"/> (0 before the first import).</summary>
    /// <param name="organization">The organization.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The checkpoint.</returns>
    ValueTask<long> GetCheckpointAsync(string organization, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="batch"/> with each table's conflict policy, deletes the rows assigned to other
    /// terminals, and stores the batch's checkpoint, all in one transaction.
    /// </summary>
    /// <param name="batch">The batch.</param>
    /// <param name="cancellationToken">Cancels the import (nothing of the batch is kept).</param>
    /// <returns>What was done.</returns>
    /// <exception cref="InvalidOperationException">The batch starts after the terminal's checkpoint (changes in between are missing), or names a table or column that is not declared.</exception>
    ValueTask<ChangeImportResult> ImportAsync(ChangeBatch batch, CancellationToken cancellationToken);
}
