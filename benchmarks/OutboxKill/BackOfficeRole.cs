using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PosFleet.AspNetCore;
using PosFleet.Connectors.Sqlite;
using PosFleet.Sync;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Inbox;
using PosFleet.Sync.Outbox;

namespace PosFleet.Benchmarks.OutboxKill;

/// <summary>The back office: the sync endpoint over a SQLite file, applying tickets into its own table.</summary>
internal static class BackOfficeRole
{
    public const string TerminalId = "till-1";

    public static async Task RunAsync(string dir, int port)
    {
        var database = Path.Combine(dir, "backoffice.db");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddPosFleet()
            .UseSqliteStorageFile(database)
            .AddSyncBackOffice()
            .AddOutboxMessageHandler("ticket", new TicketHandler());
        await using var app = builder.Build();
        app.MapPosFleetSync();
        await app.StartAsync();
        // The host's own table, next to the PosFleet store's (created once the store has migrated its file).
        await using (var connection = new SqliteConnection($"Data Source={database}"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            // No UNIQUE constraint on purpose: a ticket applied twice is two rows, which the script counts.
            create.CommandText = "CREATE TABLE IF NOT EXISTS tickets (ticket_id INTEGER NOT NULL, terminal_id TEXT NOT NULL, message_id TEXT NOT NULL, total REAL NOT NULL, applied_at TEXT NOT NULL)";
            await create.ExecuteNonQueryAsync();
        }

        var credentialFile = Path.Combine(dir, "terminal.credential");
        if (!File.Exists(credentialFile))
        {
            var enrolment = await app.Services.GetRequiredService<ITerminalRegistry>().EnrolAsync(TerminalId, "ORG-1");
            var temporary = credentialFile + ".tmp";
            await File.WriteAllTextAsync(temporary, enrolment.Credential);
            File.Move(temporary, credentialFile, overwrite: true);
        }

        await File.WriteAllTextAsync(Path.Combine(dir, "backoffice.ready"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await app.WaitForShutdownAsync();
    }

    /// <summary>Inserts the ticket in the inbox transaction, through the connection the back office hands over.</summary>
    private sealed class TicketHandler : IOutboxMessageHandler
    {
        public async ValueTask HandleAsync(OutboxMessageContext context, OutboxMessage message, CancellationToken cancellationToken)
        {
            var connection = (SqliteConnection)context.Connection!;
            await using var insert = connection.CreateCommand();
            insert.Transaction = (SqliteTransaction)context.Transaction!;
            insert.CommandText = "INSERT INTO tickets (ticket_id, terminal_id, message_id, total, applied_at) VALUES ($ticket, $terminal, $message, $total, $at)";
            insert.Parameters.AddWithValue("$ticket", message.Payload.GetProperty("ticket").GetInt64());
            insert.Parameters.AddWithValue("$terminal", context.TerminalId);
            insert.Parameters.AddWithValue("$message", message.Id.ToString());
            insert.Parameters.AddWithValue("$total", message.Payload.GetProperty("total").GetDouble());
            insert.Parameters.AddWithValue("$at", context.ReceivedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
