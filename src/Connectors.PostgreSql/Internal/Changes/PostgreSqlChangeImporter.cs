using Microsoft.Extensions.Options;
using Npgsql;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.PostgreSql.Internal.Changes;

/// <summary>
/// Imports change batches into the host's tables on a terminal whose tables live on PostgreSQL (a connector host on a
/// server). One transaction per batch holds the checkpoint check, the rows, the removal of rows assigned to other
/// terminals and the new checkpoint, as on SQLite; a transaction advisory lock per organization makes instances
/// importing at once take turns, so the second finds the batch imported. Re-initialisation passes work as on SQLite
/// (<see cref="PostgreSqlReinitialization"/>).
/// </summary>
internal sealed class PostgreSqlChangeImporter(PostgreSqlDatabase database, PostgreSqlChangeTracking tracking, IOptions<PosFleetOptions> fleet) : IChangeImporter
{
    /// <summary>The advisory lock a local reset holds alone and every import shares (taken for the transaction).</summary>
    internal const string ResetLockKey = "posfleet-change-reset";

    private readonly PosFleetOptions _fleet = fleet.Value;

    public async ValueTask<long> GetCheckpointAsync(string organization, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organization);
        await tracking.EnsureInstalledAsync(cancellationToken).ConfigureAwait(false);
        return await database.ScalarAsync("SELECT checkpoint FROM sync_change_checkpoints WHERE organization = @organization", cancellationToken, ("organization", organization)).ConfigureAwait(false) is long checkpoint
            ? checkpoint
            : 0;
    }

    public async ValueTask<ChangeImportResult> ImportAsync(ChangeBatch batch, CancellationToken cancellationToken)
    {
        ChangeImportRules.CheckOrganization(batch, _fleet);

        await tracking.EnsureInstalledAsync(cancellationToken).ConfigureAwait(false);
        return await database.WriteAsync((connection, transaction) => ImportAsync(connection, transaction, batch, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<ChangeImportResult> ImportAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ChangeBatch batch, CancellationToken cancellationToken)
    {
        var organization = batch.Organization;
        // Imports of one organization take turns; every import shares the reset's key, so a reset waits for the imports
        // under way and an import for the reset.
        using (var turn = PostgreSqlDatabase.Command(connection, transaction,
            "SELECT pg_advisory_xact_lock_shared(hashtextextended(@reset, 0)), pg_advisory_xact_lock(hashtextextended('posfleet-change-import:' || @organization, 0))",
            ("reset", ResetLockKey), ("organization", organization)))
        {
            await turn.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var reinitialization = new PostgreSqlReinitialization(connection, transaction, organization);
        var current = await ReadCheckpointAsync(connection, transaction, organization, cancellationToken).ConfigureAwait(false);
        var pass = await reinitialization.CursorAsync(cancellationToken).ConfigureAwait(false);
        switch (ChangeImportRules.Decide(batch, current, pass))
        {
            case ChangeImportRules.Step.StartPass:
                await reinitialization.StartAsync(cancellationToken).ConfigureAwait(false);
                pass = 0;
                break;
            case ChangeImportRules.Step.ResetCheckpoint:
                await reinitialization.StartAsync(cancellationToken).ConfigureAwait(false);
                await WriteCheckpointAsync(connection, transaction, organization, 0, cancellationToken).ConfigureAwait(false);
                return new ChangeImportResult { Checkpoint = 0, CheckpointReset = true };
            case ChangeImportRules.Step.AlreadyImported:
                return new ChangeImportResult { Checkpoint = current, AlreadyImported = true };
        }

        // In a pass, even a batch that adds nothing is applied: its end (no HasMore) removes the rows not sent.
        var applier = new PostgreSqlChangeApplier(connection, transaction, tracking.Options);
        var result = await applier.ApplyAsync(batch.Changes, cancellationToken).ConfigureAwait(false);
        if (pass is not null)
        {
            await reinitialization.RecordAsync(tracking.Options, batch.Changes, cancellationToken).ConfigureAwait(false);
            if (batch.HasMore)
            {
                await reinitialization.AdvanceAsync(batch.Checkpoint, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var absent = await reinitialization.AbsentAsync(tracking.Options, cancellationToken).ConfigureAwait(false);
                var swept = await applier.ApplyAsync(absent, cancellationToken).ConfigureAwait(false);
                result = result with { Deleted = result.Deleted + swept.Deleted, KeptLocal = result.KeptLocal + swept.KeptLocal };
                await reinitialization.FinishAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        var removed = await RemoveOtherTerminalsRowsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        await WriteCheckpointAsync(connection, transaction, organization, batch.Checkpoint, cancellationToken).ConfigureAwait(false);
        return result with { Checkpoint = batch.Checkpoint, Deleted = result.Deleted + removed };
    }

    /// <summary>Seed 003: only the rows assigned to this terminal are kept; those of other terminals (or of none) go.</summary>
    private async Task<int> RemoveOtherTerminalsRowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (_fleet.TerminalId is not { } terminal)
        {
            return 0;
        }

        var removed = 0;
        foreach (var table in tracking.Options.Tables.Where(t => t.TerminalColumn is not null))
        {
            using var command = PostgreSqlDatabase.Command(connection, transaction,
                $"DELETE FROM {SyncIdentifier.Quote(table.Name)} WHERE {SyncIdentifier.Quote(table.TerminalColumn!)}::text IS DISTINCT FROM @terminal",
                ("terminal", terminal));
            removed += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return removed;
    }

    private static async Task<long> ReadCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string organization, CancellationToken cancellationToken)
    {
        using var command = PostgreSqlDatabase.Command(connection, transaction, "SELECT checkpoint FROM sync_change_checkpoints WHERE organization = @organization", ("organization", organization));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long checkpoint ? checkpoint : 0;
    }

    private static async Task WriteCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string organization, long checkpoint, CancellationToken cancellationToken)
    {
        using var command = PostgreSqlDatabase.Command(connection, transaction,
            "INSERT INTO sync_change_checkpoints (organization, checkpoint) VALUES (@organization, @checkpoint) ON CONFLICT (organization) DO UPDATE SET checkpoint = EXCLUDED.checkpoint",
            ("organization", organization), ("checkpoint", checkpoint));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
