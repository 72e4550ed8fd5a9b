using System.Text.Json;

namespace PosFleet.Sync.Changes;

/// <summary>
/// What a terminal's import does with a batch, and with each row change in it, whatever database keeps the host's
/// tables: one copy linked into the SQLite and PostgreSQL connectors, each of which runs it inside its own transaction.
/// </summary>
internal static class ChangeImportRules
{
    /// <summary>What to do with a batch.</summary>
    public enum Step
    {
        /// <summary>Apply its changes (within a pass under way or not).</summary>
        Apply,

        /// <summary>A full pass starts (or starts again) from nothing: start it, then apply.</summary>
        StartPass,

        /// <summary>Apply nothing: restart the pass and take the checkpoint back to 0, so the next export is a full pass.</summary>
        ResetCheckpoint,

        /// <summary>Nothing to do: the batch is in already.</summary>
        AlreadyImported,
    }

    /// <summary>Refuses a batch of another organization than the terminal's.</summary>
    public static void CheckOrganization(ChangeBatch batch, PosFleetOptions fleet)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentException.ThrowIfNullOrWhiteSpace(batch.Organization);
        if (fleet.Organization is { } own && !string.Equals(own, batch.Organization, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The change batch is for organization '{batch.Organization}', but this terminal belongs to '{own}': import the batches exported for '{own}'.");
        }
    }

    /// <summary>Decides from the terminal's checkpoint and the cursor of a pass under way (<see langword="null"/>: none).</summary>
    public static Step Decide(ChangeBatch batch, long checkpoint, long? pass)
    {
        if (batch.Reinitialize && batch.FromCheckpoint == 0)
        {
            return Step.StartPass;
        }

        if (pass is not null ? pass != batch.FromCheckpoint : batch.Reinitialize)
        {
            // Deletes may be missing after this checkpoint and the rows before it are not in the batch (or a pass under
            // way, whose cursor is written with the checkpoint, would not continue from where it stopped). Checked
            // before the replay test: a stale terminal's batch may well end at the checkpoint it already holds.
            return Step.ResetCheckpoint;
        }

        if (pass is null)
        {
            if (checkpoint > 0 && batch.Checkpoint <= checkpoint)
            {
                return Step.AlreadyImported;
            }

            if (batch.FromCheckpoint > checkpoint)
            {
                throw new InvalidOperationException(
                    $"The change batch starts after checkpoint {batch.FromCheckpoint}, but this terminal holds checkpoint {checkpoint}: the changes in between are missing; export again from checkpoint {checkpoint}.");
            }
        }

        return Step.Apply;
    }

    /// <summary>
    /// Applies row changes under each table's conflict policy: an upsert for <see cref="SyncConflictPolicy.ServerWins"/>,
    /// an insert that leaves an existing row alone for <see cref="SyncConflictPolicy.ClientWins"/> and
    /// <see cref="SyncConflictPolicy.AppendOnly"/> (a removal kept by <see cref="SyncConflictPolicy.ClientWins"/>), and
    /// the host's resolver asked for <see cref="SyncConflictPolicy.Custom"/> when the terminal holds the row.
    /// </summary>
    public static async Task<ChangeImportResult> ApplyAsync(
        IReadOnlyList<RowChange> changes, Func<string, IRowWriter> writerFor, Func<JsonElement, object?> toObject, CancellationToken cancellationToken)
    {
        int written = 0, deleted = 0, kept = 0;
        foreach (var change in changes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var writer = writerFor(change.Table);
            var table = writer.Table;
            if (table.ConflictPolicy == SyncConflictPolicy.Custom
                && await writer.ReadLocalAsync(change, cancellationToken).ConfigureAwait(false) is { } local
                && await table.Resolver!.ResolveAsync(
                    new SyncConflict
                    {
                        Table = table, Local = local, Deleted = change.Deleted,
                        Incoming = change.Values.ToDictionary(v => v.Key, v => toObject(v.Value), StringComparer.Ordinal),
                    },
                    cancellationToken).ConfigureAwait(false) == SyncConflictDecision.KeepLocal)
            {
                kept++;
            }
            else if (change.Deleted)
            {
                if (table.ConflictPolicy == SyncConflictPolicy.ClientWins)
                {
                    kept++;
                }
                else
                {
                    deleted += await writer.DeleteAsync(change, cancellationToken).ConfigureAwait(false);
                }
            }
            else if (await writer.WriteAsync(change, cancellationToken).ConfigureAwait(false) > 0)
            {
                written++;
            }
            else
            {
                kept++;
            }
        }

        return new ChangeImportResult { Written = written, Deleted = deleted, KeptLocal = kept };
    }

    /// <summary>The statements of one table in the import's transaction.</summary>
    public interface IRowWriter
    {
        SyncTable Table { get; }

        /// <summary>The terminal's row with the change's key, or <see langword="null"/>.</summary>
        ValueTask<Dictionary<string, object?>?> ReadLocalAsync(RowChange change, CancellationToken cancellationToken);

        /// <summary>Writes the row under the table's policy; how many rows changed (0: the local row was kept).</summary>
        ValueTask<int> WriteAsync(RowChange change, CancellationToken cancellationToken);

        /// <summary>Deletes the row with the change's key; how many rows went.</summary>
        ValueTask<int> DeleteAsync(RowChange change, CancellationToken cancellationToken);
    }
}
