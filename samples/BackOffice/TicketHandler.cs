using System.Globalization;
using Microsoft.Data.Sqlite;
using PosFleet.Sync.Inbox;
using PosFleet.Sync.Outbox;

namespace PosFleet.Samples.BackOffice;

/// <summary>A terminal's ticket: one row in the tickets table, in the same transaction as the inbox record that deduplicates it.</summary>
internal sealed class TicketHandler : IOutboxMessageHandler
{
    public const string MessageType = "ticket";

    public async ValueTask HandleAsync(OutboxMessageContext context, OutboxMessage message, CancellationToken cancellationToken)
    {
        var connection = context.Connection as SqliteConnection
            ?? throw new InvalidOperationException("The sample stores tickets in its SQLite file (UseSqliteStorageFile).");
        using var insert = connection.CreateCommand();
        insert.Transaction = (SqliteTransaction?)context.Transaction;
        insert.CommandText = "INSERT INTO tickets (id, terminal, organization, total, received_at) VALUES ($id, $terminal, $organization, $total, $at);";
        insert.Parameters.AddWithValue("$id", message.Payload.GetProperty("id").GetString());
        insert.Parameters.AddWithValue("$terminal", context.TerminalId);
        insert.Parameters.AddWithValue("$organization", context.Organization);
        insert.Parameters.AddWithValue("$total", message.Payload.GetProperty("total").GetDecimal().ToString(CultureInfo.InvariantCulture));
        insert.Parameters.AddWithValue("$at", context.ReceivedAt.ToString("O", CultureInfo.InvariantCulture));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
