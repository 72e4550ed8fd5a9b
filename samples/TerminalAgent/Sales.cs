using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosFleet.Connectors.Sqlite;
using PosFleet.Sync.Outbox;

namespace PosFleet.Samples.TerminalAgent;

/// <summary>
/// The till selling: each ticket is written with its outbox message in one transaction of the host's own connection,
/// so the back office gets every ticket the till kept, and none it rolled back — offline or not.
/// </summary>
internal sealed partial class Sales(
    IOptions<SqliteStorageOptions> storage, IOptions<SalesOptions> options, IOutbox outbox, TimeProvider time, ILogger<Sales> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var i = 1; i <= options.Value.Tickets && !stoppingToken.IsCancellationRequested; i++)
        {
            var id = Guid.CreateVersion7(time.GetUtcNow()).ToString();
            var total = 2.5m * i;
            var connection = new SqliteConnection(storage.Value.ConnectionString);
            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
                using var transaction = connection.BeginTransaction();
                using (var insert = connection.CreateCommand())
                {
                    insert.Transaction = transaction;
                    insert.CommandText = "INSERT INTO tickets (id, total, sold_at) VALUES ($id, $total, $at);";
                    insert.Parameters.AddWithValue("$id", id);
                    insert.Parameters.AddWithValue("$total", total.ToString(CultureInfo.InvariantCulture));
                    insert.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
                    await insert.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                }

                var payload = JsonSerializer.SerializeToElement(new Ticket(id, total), TicketJsonContext.Default.Ticket);
                await outbox.EnqueueAsync(connection, transaction, OutboxMessage.Create("ticket", payload, time), stoppingToken).ConfigureAwait(false);
                await transaction.CommitAsync(stoppingToken).ConfigureAwait(false);
            }

            Sold(logger, id, total);
            await Task.Delay(options.Value.Interval, time, stoppingToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Sold ticket {Ticket} ({Total}); it waits in the outbox for the next sync.")]
    private static partial void Sold(ILogger logger, string ticket, decimal total);
}
