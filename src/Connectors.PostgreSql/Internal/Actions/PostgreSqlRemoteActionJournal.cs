using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PosFleet.Actions;
using PosFleet.Actions.Terminal;

namespace PosFleet.Connectors.PostgreSql.Internal.Actions;

/// <summary>
/// A terminal's journal on PostgreSQL: an entry's state and the report that tells it change in one transaction, so a
/// crash leaves either both or neither. Each change is one conditional update, which the row lock makes atomic: two
/// instances starting or finishing one attempt at once record it once.
/// </summary>
internal sealed class PostgreSqlRemoteActionJournal(PostgreSqlDatabase database) : IRemoteActionJournal
{
    private const string Columns = "delivery, state, attempt, received_at, upload_path, uploaded";

    public async ValueTask<bool> ReceiveAsync(RemoteActionDelivery delivery, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return await database.ExecuteAsync(
            "INSERT INTO remote_action_journal (id, delivery, state, received_at) VALUES (@id, @delivery, 0, @at) ON CONFLICT (id) DO NOTHING",
            cancellationToken,
            ("id", delivery.Id),
            ("delivery", JsonSerializer.Serialize(delivery, PostgreSqlActionsJsonContext.Default.RemoteActionDelivery)),
            ("at", at.UtcTicks)).ConfigureAwait(false) == 1;
    }

    public async ValueTask<RemoteActionEntry?> GetAsync(Guid actionId, CancellationToken cancellationToken) =>
        (await database.QueryAsync($"SELECT {Columns} FROM remote_action_journal WHERE id = @id", ReadEntry, cancellationToken, ("id", actionId))
            .ConfigureAwait(false)) is [var entry] ? entry : null;

    public async ValueTask<IReadOnlyList<RemoteActionEntry>> ListAsync(RemoteActionEntryState state, CancellationToken cancellationToken) =>
        await database.QueryAsync(
            $"SELECT {Columns} FROM remote_action_journal WHERE state = @state ORDER BY received_at, id", ReadEntry, cancellationToken, ("state", (int)state))
            .ConfigureAwait(false);

    public async ValueTask<bool> StartAsync(RemoteActionReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return await ChangeAndReportAsync(
            "UPDATE remote_action_journal SET state = 1, attempt = @attempt WHERE id = @id AND (state = 0 OR (state = 1 AND attempt < @attempt))",
            report,
            cancellationToken,
            ("id", report.ActionId),
            ("attempt", report.Attempt)).ConfigureAwait(false);
    }

    public async ValueTask<bool> FinishAsync(RemoteActionReport report, string? uploadPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return await ChangeAndReportAsync(
            """
            UPDATE remote_action_journal SET state = @state, attempt = greatest(attempt, @attempt), upload_path = @path, uploaded = 0
            WHERE id = @id AND state IN (0, 1)
            """,
            report,
            cancellationToken,
            ("id", report.ActionId),
            ("state", (int)(uploadPath is null ? RemoteActionEntryState.Finished : RemoteActionEntryState.Uploading)),
            ("attempt", report.Attempt),
            ("path", uploadPath)).ConfigureAwait(false);
    }

    public async ValueTask SetUploadedAsync(Guid actionId, long uploaded, long length, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            """
            UPDATE remote_action_journal SET uploaded = @uploaded, state = CASE WHEN @uploaded >= @length THEN 3 ELSE state END
            WHERE id = @id AND state = 2 AND uploaded < @uploaded
            """,
            cancellationToken,
            ("id", actionId),
            ("uploaded", uploaded),
            ("length", length)).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<RemoteActionReport>> PeekReportsAsync(int max, CancellationToken cancellationToken) =>
        await database.QueryAsync(
            """
            SELECT r.report FROM remote_action_reports r
            WHERE NOT (r.final AND EXISTS (SELECT 1 FROM remote_action_journal j WHERE j.id = r.action_id AND j.state = 2))
            ORDER BY r.sequence LIMIT @max
            """,
            r => JsonSerializer.Deserialize(r.GetString(0), PostgreSqlActionsJsonContext.Default.RemoteActionReport)!,
            cancellationToken,
            ("max", max)).ConfigureAwait(false);

    public async ValueTask<int> AcknowledgeReportsAsync(IReadOnlyCollection<Guid> reportIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reportIds);
        if (reportIds.Count == 0)
        {
            return 0;
        }

        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var delete = new NpgsqlCommand("DELETE FROM remote_action_reports WHERE id = ANY(@ids)", connection);
            delete.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = reportIds.ToArray() });
            return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<long> PurgeFinishedAsync(DateTimeOffset receivedBefore, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            """
            DELETE FROM remote_action_journal j
            WHERE j.state = 3 AND j.received_at < @before
              AND NOT EXISTS (SELECT 1 FROM remote_action_reports r WHERE r.action_id = j.id)
            """,
            cancellationToken,
            ("before", receivedBefore.UtcTicks)).ConfigureAwait(false);

    /// <summary>Runs the entry's conditional update and, when it changed the entry, adds the report in the same transaction.</summary>
    private Task<bool> ChangeAndReportAsync(string update, RemoteActionReport report, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                using (var change = PostgreSqlDatabase.Command(connection, transaction, update, parameters))
                {
                    if (await change.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
                    {
                        return false;
                    }
                }

                using var insert = PostgreSqlDatabase.Command(
                    connection,
                    transaction,
                    "INSERT INTO remote_action_reports (id, action_id, final, report) VALUES (@id, @action, @final, @report)",
                    ("id", report.Id),
                    ("action", report.ActionId),
                    ("final", RemoteActionStates.IsDone(report.State)),
                    ("report", JsonSerializer.Serialize(report, PostgreSqlActionsJsonContext.Default.RemoteActionReport)));
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    private static RemoteActionEntry ReadEntry(NpgsqlDataReader reader) => new()
    {
        Delivery = JsonSerializer.Deserialize(reader.GetString(0), PostgreSqlActionsJsonContext.Default.RemoteActionDelivery)!,
        State = (RemoteActionEntryState)reader.GetInt32(1),
        Attempt = reader.GetInt32(2),
        ReceivedAt = new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
        UploadPath = reader.IsDBNull(4) ? null : reader.GetString(4),
        Uploaded = reader.GetInt64(5),
    };
}
