using System.Globalization;
using Microsoft.Data.Sqlite;
using PosFleet.Sync.Inbox;
using PosFleet.Sync.Outbox;

namespace PosFleet.Cli.Demo;

/// <summary>The back office's handler of a "ticket" message: one row in its own tickets table, in the inbox's transaction.</summary>
internal sealed class DemoTicketHandler : IOutboxMessageHandler
{
    public async ValueTask HandleAsync(OutboxMessageContext context, OutboxMessage message, CancellationToken cancellationToken)
    {
        if (context.Connection is not SqliteConnection connection)
        {
            throw new InvalidOperationException("The demo back office stores tickets in its SQLite file.");
        }

        using var insert = connection.CreateCommand();
        insert.Transaction = (SqliteTransaction?)context.Transaction;
        insert.CommandText = "INSERT INTO tickets (id, terminal, folder, total) VALUES ($id, $terminal, $folder, $total);";
        insert.Parameters.AddWithValue("$id", message.Payload.GetProperty("id").GetString());
        insert.Parameters.AddWithValue("$terminal", context.TerminalId);
        insert.Parameters.AddWithValue("$folder", context.Organization);
        insert.Parameters.AddWithValue("$total", message.Payload.GetProperty("total").GetDecimal().ToString(CultureInfo.InvariantCulture));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
