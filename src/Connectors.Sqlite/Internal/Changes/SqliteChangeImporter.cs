using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.Sqlite.Internal.Changes;

/// <summary>
/// Imports change batches into the host's tables on a terminal. One immediate transaction per batch holds the
/// checkpoint check, the rows, the removal of rows assigned to other terminals and the new checkpoint: killed at any
/// point, the file holds the batch whole or not at all, and the next import resumes from the checkpoint committed.
/// A batch marked <see cref="ChangeBatch.Reinitialize"/> starts a full pass from 0 (or, from a later checkpoint that is
/// not that of a pass under way, resets the checkpoint to 0 so the next export is one); the pass's last batch removes
/// the local rows it did not send (<see cref="SqliteReinitialization"/>).
/// </summary>
internal sealed class SqliteChangeImporter(SqliteDatabase database, SqliteChangeTracking tracking, IOptions<PosFleetOptions> fleet) : IChangeImporter
{
    private readonly PosFleetOptions _fleet = fleet.Value;

    public async ValueTask<long> GetCheckpointAsync(string organization, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organization);
        await tracking.EnsureInstalledAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return ReadCheckpoint(connection, organization);
        }
    }

    public async ValueTask<ChangeImportResult> ImportAsync(ChangeBatch batch, CancellationToken cancellationToken)
    {
        ChangeImportRules.CheckOrganization(batch, _fleet);

        await tracking.EnsureInstalledAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                var organization = batch.Organization;
                var current = ReadCheckpoint(connection, organization);
                var pass = SqliteReinitialization.Cursor(connection, organization);
                switch (ChangeImportRules.Decide(batch, current, pass))
                {
                    case ChangeImportRules.Step.StartPass:
                        SqliteReinitialization.Start(connection, organization);
                        pass = 0;
                        break;
                    case ChangeImportRules.Step.ResetCheckpoint:
                        SqliteReinitialization.Start(connection, organization);
                        WriteCheckpoint(connection, organization, 0);
                        transaction.Commit();
                        return new ChangeImportResult { Checkpoint = 0, CheckpointReset = true };
                    case ChangeImportRules.Step.AlreadyImported:
                        return new ChangeImportResult { Checkpoint = current, AlreadyImported = true };
                }

                // In a pass, even a batch that adds nothing is applied: its end (no HasMore) removes the rows not sent.
                var applier = new SqliteChangeApplier(connection, tracking.Options);
                var result = await applier.ApplyAsync(batch.Changes, cancellationToken).ConfigureAwait(false);
                if (pass is not null)
                {
                    SqliteReinitialization.Record(connection, organization, tracking.Options, batch.Changes);
                    if (batch.HasMore)
                    {
                        SqliteReinitialization.Advance(connection, organization, batch.Checkpoint);
                    }
                    else
                    {
                        var absent = SqliteReinitialization.Absent(connection, organization, tracking.Options);
                        var swept = await new SqliteChangeApplier(connection, tracking.Options).ApplyAsync(absent, cancellationToken).ConfigureAwait(false);
                        result = result with { Deleted = result.Deleted + swept.Deleted, KeptLocal = result.KeptLocal + swept.KeptLocal };
                        SqliteReinitialization.Finish(connection, organization);
                    }
                }

                var removed = RemoveOtherTerminalsRows(connection);
                WriteCheckpoint(connection, organization, batch.Checkpoint);
                transaction.Commit();
                return result with { Checkpoint = batch.Checkpoint, Deleted = result.Deleted + removed };
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6 or 8 or 10 or 11 or 13 or 14 or 26)
            {
                throw database.Explain(ex);
            }
        }
    }

    /// <summary>Seed 003: only the rows assigned to this terminal are kept; those of other terminals (or of none) go.</summary>
    private int RemoveOtherTerminalsRows(SqliteConnection connection)
    {
        if (_fleet.TerminalId is not { } terminal)
        {
            return 0;
        }

        var removed = 0;
        foreach (var table in tracking.Options.Tables)
        {
            if (table.TerminalColumn is null)
            {
                continue;
            }

            using var command = connection.CreateCommand();
            command.CommandText = $"DELETE FROM {SyncIdentifier.Quote(table.Name)} WHERE {SyncIdentifier.Quote(table.TerminalColumn)} IS NOT $terminal;";
            command.Parameters.AddWithValue("$terminal", terminal);
            removed += command.ExecuteNonQuery();
        }

        return removed;
    }

    private static long ReadCheckpoint(SqliteConnection connection, string organization)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT checkpoint FROM sync_change_checkpoints WHERE organization = $organization;";
        command.Parameters.AddWithValue("$organization", organization);
        return command.ExecuteScalar() is long checkpoint ? checkpoint : 0;
    }

    private static void WriteCheckpoint(SqliteConnection connection, string organization, long checkpoint)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO sync_change_checkpoints (organization, checkpoint) VALUES ($organization, $checkpoint) ON CONFLICT (organization) DO UPDATE SET checkpoint = excluded.checkpoint;";
        command.Parameters.AddWithValue("$organization", organization);
        command.Parameters.AddWithValue("$checkpoint", checkpoint);
        command.ExecuteNonQuery();
    }
}
