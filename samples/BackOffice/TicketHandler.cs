using System.Data.Common;
using System.Globalization;
using PosFleet.Sync.Inbox;
using PosFleet.Sync.Outbox;

namespace PosFleet.Samples.BackOffice;

/// <summary>
/// A terminal's ticket: one row in the tickets table, in the same transaction as the inbox record that deduplicates it
/// (the store's own connection: SQLite or PostgreSQL, the same statement).
/// </summary>
internal sealed class TicketHandler : IOutboxMessageHandler
{
    public const string MessageType = "ticket";

    public async ValueTask HandleAsync(OutboxMessageContext context, OutboxMessage message, CancellationToken cancellationToken)
    {
        var connection = context.Connection
            ?? throw new InvalidOperationException("The sample stores tickets in its database (UseSqliteStorageFile or UsePostgreSqlStorage).");
        var insert = connection.CreateCommand();
        await using (insert.ConfigureAwait(false))
        {
            insert.Transaction = context.Transaction;
            insert.CommandText = "INSERT INTO tickets (id, terminal, organization, total, received_at) VALUES (@id, @terminal, @organization, @total, @at);";
            Add(insert, "@id", message.Payload.GetProperty("id").GetString());
            Add(insert, "@terminal", context.TerminalId);
            Add(insert, "@organization", context.Organization);
            Add(insert, "@total", message.Payload.GetProperty("total").GetDecimal().ToString(CultureInfo.InvariantCulture));
            Add(insert, "@at", context.ReceivedAt.ToString("O", CultureInfo.InvariantCulture));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Add(DbCommand command, string name, string? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = (object?)value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
