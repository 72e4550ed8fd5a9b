using System.Text.Json;
using Microsoft.Data.Sqlite;
using static PosFleet.Connectors.Sqlite.Internal.Actions.SqliteActionsAccess;
using PosFleet.Actions;
using PosFleet.Actions.Terminal;

namespace PosFleet.Connectors.Sqlite.Internal.Actions;

/// <summary>
/// The terminal's journal in its SQLite file: an entry's state and the report that tells it change in one
/// transaction, so a kill leaves either both or neither — an attempt marked started is a recovery at the next start.
/// </summary>
internal sealed class SqliteRemoteActionJournal(SqliteDatabase database) : IRemoteActionJournal, IDisposable
{
    private const string Columns = "delivery, state, attempt, received_at, upload_path, uploaded";
    private readonly SqliteActionsAccess _access = new(database);

    public async ValueTask<bool> ReceiveAsync(RemoteActionDelivery delivery, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return await _access.WriteAsync(
            (connection, transaction) =>
            {
                using var insert = Command(connection, transaction, "INSERT INTO remote_action_journal (id, delivery, state, received_at) VALUES ($id, $delivery, 0, $at) ON CONFLICT (id) DO NOTHING;");
                insert.Parameters.AddWithValue("$id", delivery.Id.ToString("D"));
                insert.Parameters.AddWithValue("$delivery", JsonSerializer.Serialize(delivery, SqliteActionsJsonContext.Default.RemoteActionDelivery));
                insert.Parameters.AddWithValue("$at", at.UtcTicks);
                return insert.ExecuteNonQuery() == 1;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<RemoteActionEntry?> GetAsync(Guid actionId, CancellationToken cancellationToken) =>
        await _access.ReadAsync(
            connection =>
            {
                using var command = Command(connection, null, $"SELECT {Columns} FROM remote_action_journal WHERE id = $id;");
                command.Parameters.AddWithValue("$id", actionId.ToString("D"));
                return ReadEntries(command) is [var entry] ? entry : null;
            },
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<RemoteActionEntry>> ListAsync(RemoteActionEntryState state, CancellationToken cancellationToken) =>
        await _access.ReadAsync<IReadOnlyList<RemoteActionEntry>>(
            connection =>
            {
                using var command = Command(connection, null, $"SELECT {Columns} FROM remote_action_journal WHERE state = $state ORDER BY received_at, id;");
                command.Parameters.AddWithValue("$state", (int)state);
                return ReadEntries(command);
            },
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<bool> StartAsync(RemoteActionReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return await _access.WriteAsync(
            (connection, transaction) =>
            {
                using var update = Command(connection, transaction, """
                    UPDATE remote_action_journal SET state = 1, attempt = $attempt
                    WHERE id = $id AND (state = 0 OR (state = 1 AND attempt < $attempt));
                    """);
                update.Parameters.AddWithValue("$id", report.ActionId.ToString("D"));
                update.Parameters.AddWithValue("$attempt", report.Attempt);
                if (update.ExecuteNonQuery() != 1)
                {
                    return false;
                }

                AddReport(connection, transaction, report);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> FinishAsync(RemoteActionReport report, string? uploadPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return await _access.WriteAsync(
            (connection, transaction) =>
            {
                using var update = Command(connection, transaction, """
                    UPDATE remote_action_journal SET state = $state, attempt = max(attempt, $attempt), upload_path = $path, uploaded = 0
                    WHERE id = $id AND state IN (0, 1);
                    """);
                update.Parameters.AddWithValue("$id", report.ActionId.ToString("D"));
                update.Parameters.AddWithValue("$state", (int)(uploadPath is null ? RemoteActionEntryState.Finished : RemoteActionEntryState.Uploading));
                update.Parameters.AddWithValue("$attempt", report.Attempt);
                update.Parameters.AddWithValue("$path", (object?)uploadPath ?? DBNull.Value);
                if (update.ExecuteNonQuery() != 1)
                {
                    return false;
                }

                AddReport(connection, transaction, report);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask SetUploadedAsync(Guid actionId, long uploaded, long length, CancellationToken cancellationToken) =>
        await _access.WriteAsync(
            (connection, transaction) =>
            {
                using var update = Command(connection, transaction, """
                    UPDATE remote_action_journal SET uploaded = $uploaded, state = CASE WHEN $uploaded >= $length THEN 3 ELSE state END
                    WHERE id = $id AND state = 2 AND uploaded < $uploaded;
                    """);
                update.Parameters.AddWithValue("$id", actionId.ToString("D"));
                update.Parameters.AddWithValue("$uploaded", uploaded);
                update.Parameters.AddWithValue("$length", length);
                return update.ExecuteNonQuery();
            },
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<RemoteActionReport>> PeekReportsAsync(int max, CancellationToken cancellationToken) =>
        await _access.ReadAsync<IReadOnlyList<RemoteActionReport>>(
            connection =>
            {
                using var command = Command(connection, null, """
                    SELECT r.report FROM remote_action_reports r
                    WHERE NOT (r.final = 1 AND EXISTS (SELECT 1 FROM remote_action_journal j WHERE j.id = r.action_id AND j.state = 2))
                    ORDER BY r.sequence LIMIT $max;
                    """);
                command.Parameters.AddWithValue("$max", max);
                var reports = new List<RemoteActionReport>();
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    reports.Add(JsonSerializer.Deserialize(reader.GetString(0), SqliteActionsJsonContext.Default.RemoteActionReport)!);
                }

                return reports;
            },
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<int> AcknowledgeReportsAsync(IReadOnlyCollection<Guid> reportIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reportIds);
        return await _access.WriteAsync(
            (connection, transaction) =>
            {
                using var delete = Command(connection, transaction, "DELETE FROM remote_action_reports WHERE id = $id;");
                var id = delete.Parameters.Add("$id", SqliteType.Text);
                var deleted = 0;
                foreach (var reportId in reportIds)
                {
                    id.Value = reportId.ToString("D");
                    deleted += delete.ExecuteNonQuery();
                }

                return deleted;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<long> PurgeFinishedAsync(DateTimeOffset receivedBefore, CancellationToken cancellationToken) =>
        await _access.WriteAsync(
            (connection, transaction) =>
            {
                using var delete = Command(connection, transaction, """
                    DELETE FROM remote_action_journal
                    WHERE state = 3 AND received_at < $before
                      AND NOT EXISTS (SELECT 1 FROM remote_action_reports r WHERE r.action_id = remote_action_journal.id);
                    """);
                delete.Parameters.AddWithValue("$before", receivedBefore.UtcTicks);
                return (long)delete.ExecuteNonQuery();
            },
            cancellationToken).ConfigureAwait(false);

    public void Dispose() => _access.Dispose();

    private static void AddReport(SqliteConnection connection, SqliteTransaction transaction, RemoteActionReport report)
    {
        using var insert = Command(connection, transaction, "INSERT INTO remote_action_reports (id, action_id, final, report) VALUES ($id, $action, $final, $report);");
        insert.Parameters.AddWithValue("$id", report.Id.ToString("D"));
        insert.Parameters.AddWithValue("$action", report.ActionId.ToString("D"));
        insert.Parameters.AddWithValue("$final", RemoteActionStates.IsDone(report.State) ? 1 : 0);
        insert.Parameters.AddWithValue("$report", JsonSerializer.Serialize(report, SqliteActionsJsonContext.Default.RemoteActionReport));
        insert.ExecuteNonQuery();
    }

    private static List<RemoteActionEntry> ReadEntries(SqliteCommand command)
    {
        var entries = new List<RemoteActionEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(new RemoteActionEntry
            {
                Delivery = JsonSerializer.Deserialize(reader.GetString(0), SqliteActionsJsonContext.Default.RemoteActionDelivery)!,
                State = (RemoteActionEntryState)reader.GetInt32(1),
                Attempt = reader.GetInt32(2),
                ReceivedAt = new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
                UploadPath = reader.IsDBNull(4) ? null : reader.GetString(4),
                Uploaded = reader.GetInt64(5),
            });
        }

        return entries;
    }
}
