using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PosFleet.AspNetCore;
using PosFleet.Connectors.Http;
using PosFleet.Connectors.Sqlite;
using PosFleet.Sync;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Outbox;

namespace PosFleet.Benchmarks.OutboxKill;

/// <summary>The terminal: writes tickets with their outbox messages in its own transactions, and syncs over HTTP.</summary>
internal static class TerminalRole
{
    private const int PaceMilliseconds = 4;

    public static async Task<int> RunAsync(string dir, int port, int tickets, double cuts, int seed)
    {
        var database = Path.Combine(dir, "terminal.db");
        var credential = await File.ReadAllTextAsync(Path.Combine(dir, "terminal.credential"));
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddPosFleet(o =>
            {
                o.TerminalId = BackOfficeRole.TerminalId;
                o.Organization = "ORG-1";
            })
            .UseSqliteStorageFile(database)
            .AddSyncAgent(o =>
            {
                o.Credential = credential;
                o.ApplicationVersion = "34.0";
                o.EnableBackground = false;
                o.MaxBatchMessages = 25;
            })
            .UseHttpSyncTransport(o =>
            {
                o.BackOfficeUri = new Uri($"http://127.0.0.1:{port}{SyncEndpointRouteBuilderExtensions.DefaultPattern}");
                o.AllowInsecureHttp = true;
                o.MaxRetryAttempts = 2;
                o.RetryDelay = TimeSpan.FromMilliseconds(20);
                o.AttemptTimeout = TimeSpan.FromSeconds(10);
                o.TotalTimeout = TimeSpan.FromSeconds(30);
                o.BreakDuration = TimeSpan.FromMilliseconds(500);
            });
        if (cuts > 0)
        {
            builder.Services.AddHttpClient(HttpSyncPosFleetBuilderExtensions.HttpClientName)
                .AddHttpMessageHandler(() => new ConnectionCuts(cuts, seed));
        }

        using var host = builder.Build();
        await host.StartAsync();
        await using (var connection = new SqliteConnection($"Data Source={database}"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE IF NOT EXISTS tickets (ticket_id INTEGER PRIMARY KEY, total REAL NOT NULL)";
            await create.ExecuteNonQueryAsync();
        }

        var outbox = host.Services.GetRequiredService<IOutbox>();
        var agent = host.Services.GetRequiredService<ISyncAgent>();
        // SIGTERM (timeout(1), a supervisor) stops the host; this loop and the writer follow it, and the agent ends an
        // exchange under way itself when the host stops it.
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var writer = WriteAsync(database, outbox, tickets, new Random(seed), stopping);
        var random = new Random(seed + 1);
        var syncs = 0;
        try
        {
            while (true)
            {
                var written = writer.IsCompleted;
                var outcome = await agent.SyncNowAsync(stopping);
                syncs++;
                if (outcome.Status != SyncOutcomeStatus.Succeeded)
                {
                    Console.WriteLine($"sync: {outcome.Status}: {outcome.Error}");
                }
                else if (written && await outbox.CountAsync(CancellationToken.None) == 0)
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(2, 30)), TimeProvider.System, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await host.StopAsync(CancellationToken.None);
            Console.WriteLine($"stopped: the host was told to stop after {syncs} syncs; {await outbox.CountAsync(CancellationToken.None)} messages wait in the outbox");
            return 143;
        }

        var first = await writer;
        Console.WriteLine($"done: tickets {first}..{tickets} written by this run, {syncs} syncs, outbox empty");
        await host.StopAsync();
        return 0;
    }

    /// <summary>Writes the tickets not yet in the terminal's table, each with its outbox message in one transaction.</summary>
    /// <returns>The first ticket this run wrote.</returns>
    private static async Task<long> WriteAsync(string database, IOutbox outbox, int tickets, Random random, CancellationToken stopping)
    {
        await Task.Yield();
        await using var connection = new SqliteConnection($"Data Source={database};Default Timeout=60");
        await connection.OpenAsync(stopping);
        long first;
        await using (var last = connection.CreateCommand())
        {
            last.CommandText = "SELECT coalesce(max(ticket_id), 0) + 1 FROM tickets";
            first = (long)(await last.ExecuteScalarAsync(stopping))!;
        }

        Console.WriteLine($"start: writing tickets {first}..{tickets}, {await outbox.CountAsync(CancellationToken.None)} messages waiting");

        for (var n = first; n <= tickets; n++)
        {
            var total = Math.Round(random.NextDouble() * 100, 2);
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO tickets (ticket_id, total) VALUES ($id, $total)";
                insert.Parameters.AddWithValue("$id", n);
                insert.Parameters.AddWithValue("$total", total);
                await insert.ExecuteNonQueryAsync(CancellationToken.None); // a ticket begun is written whole
            }

            var payload = JsonDocument.Parse(string.Create(CultureInfo.InvariantCulture, $$"""{"ticket":{{n}},"total":{{total}}}""")).RootElement;
            await outbox.EnqueueAsync(connection, transaction, OutboxMessage.Create("ticket", payload, TimeProvider.System), CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
            // A till writes a ticket now and then: paced so that kills land while it writes, not only after.
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 2 * PaceMilliseconds + 1)), TimeProvider.System, stopping);
        }

        return first;
    }
}
