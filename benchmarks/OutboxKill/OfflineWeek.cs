using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PosFleet.Connectors.Http;
using PosFleet.Connectors.Sqlite;
using PosFleet.Sync;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Exchange;
using PosFleet.Sync.Outbox;

namespace PosFleet.Benchmarks.OutboxKill;

/// <summary>
/// A sync agent left offline for simulated days: the real background agent and the real HTTP transport aimed at a
/// loopback port nothing listens on, on a <see cref="FakeTimeProvider"/> advanced ten seconds at a time, while the
/// host writes tickets into its SQLite outbox. Prints the managed heap (after a full collection) and the working set
/// at the start, every simulated day and at the end.
/// </summary>
internal static class OfflineWeek
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(string dir, int days, int ticketsPerHour)
    {
        Directory.CreateDirectory(dir);
        var database = Path.Combine(dir, "terminal.db");
        File.Delete(database);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddPosFleet(o =>
            {
                o.TerminalId = "till-1";
                o.Organization = "ORG-1";
            })
            .UseSqliteStorageFile(database)
            .AddSyncAgent(o =>
            {
                o.Credential = "till-1.offline";
                o.ApplicationVersion = "34.0";
            })
            .UseHttpSyncTransport(o =>
            {
                o.BackOfficeUri = new Uri($"http://127.0.0.1:{ClosedPort()}/posfleet/sync");
                o.AllowInsecureHttp = true;
                o.MaxRetryAttempts = 0;
            });
        var counter = new CountingTransport();
        var http = builder.Services.Last(d => d.ServiceType == typeof(ISyncTransport));
        builder.Services.Remove(http);
        builder.Services.AddSingleton<ISyncTransport>(sp =>
        {
            counter.Inner = (ISyncTransport)ActivatorUtilities.CreateInstance(sp, http.ImplementationType!);
            return counter;
        });

        using var host = builder.Build();
        await host.StartAsync();
        var outbox = host.Services.GetRequiredService<IOutbox>();
        var agent = host.Services.GetRequiredService<ISyncAgent>();
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE tickets (ticket_id INTEGER PRIMARY KEY, total REAL NOT NULL)";
            await create.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"offline for {days} simulated days, {ticketsPerHour} tickets an hour, time advanced {Step.TotalSeconds:0} s at a time; agent: interval 1 min, back-off 5 s .. 5 min with jitter; HTTP transport to a closed loopback port");
        Console.WriteLine("day  attempts  outbox  managed-heap  gc-committed  working-set  rss-anon  sqlite-heap  last outcome");
        var start = Report(0, counter.Attempts, 0, agent);
        var stepsPerDay = (int)(TimeSpan.FromDays(1) / Step);
        var ticketEvery = TimeSpan.FromHours(1) / ticketsPerHour;
        var ticket = 0L;
        var nextTicket = time.GetUtcNow();
        (long Heap, long WorkingSet) end = start, first = start;
        for (var day = 1; day <= days; day++)
        {
            for (var s = 0; s < stepsPerDay; s++)
            {
                time.Advance(Step);
                while (time.GetUtcNow() >= nextTicket)
                {
                    await WriteTicketAsync(connection, outbox, ++ticket, time);
                    nextTicket += ticketEvery;
                }

                // Let the agent run what came due (a refused connection takes well under a millisecond).
                do
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System);
                }
                while (counter.InFlight > 0);
            }

            end = Report(day, counter.Attempts, await outbox.CountAsync(CancellationToken.None), agent);
            if (day == 1)
            {
                first = end;
            }
        }

        await host.StopAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"managed heap: start {start.Heap / 1024.0:F0} KiB, day 1 {first.Heap / 1024.0:F0} KiB, end {end.Heap / 1024.0:F0} KiB ({(end.Heap - first.Heap) / 1024.0:+0;-0} KiB from day 1); working set: start {start.WorkingSet / 1048576.0:F1} MiB, day 1 {first.WorkingSet / 1048576.0:F1} MiB, end {end.WorkingSet / 1048576.0:F1} MiB; {ticket} tickets waiting, {counter.Attempts} attempts"));
        return 0;
    }

    private static (long Heap, long WorkingSet) Report(int day, long attempts, long depth, ISyncAgent agent)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        var workingSet = process.WorkingSet64;
        var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
        // Anonymous resident memory (heaps, stacks) apart from mapped files (assemblies, the database's pages).
        var rssAnon = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("RssAnon:", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] ?? "?";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{day,3}  {attempts,8}  {depth,6}  {heap / 1024.0,9:F0} KiB  {committed / 1048576.0,7:F1} MiB  {workingSet / 1048576.0,7:F1} MiB  {rssAnon,8} KiB  {SQLitePCL.raw.sqlite3_memory_used() / 1048576.0,8:F1} MiB  {agent.LastOutcome?.Status.ToString() ?? "-"}"));
        return (heap, workingSet);
    }

    private static async Task WriteTicketAsync(SqliteConnection connection, IOutbox outbox, long n, TimeProvider time)
    {
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO tickets (ticket_id, total) VALUES ($id, 12.5)";
            insert.Parameters.AddWithValue("$id", n);
            await insert.ExecuteNonQueryAsync();
        }

        var payload = JsonDocument.Parse(string.Create(CultureInfo.InvariantCulture, $$"""{"ticket":{{n}},"total":12.5,"lines":[{"sku":"4006381333931","qty":2,"price":6.25}]}""")).RootElement;
        await outbox.EnqueueAsync(connection, transaction, OutboxMessage.Create("ticket", payload, time), CancellationToken.None);
        await transaction.CommitAsync();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Counts the agent's exchanges and lets the driver wait for the one in flight.</summary>
    private sealed class CountingTransport : ISyncTransport
    {
        private long _attempts;
        private int _inFlight;

        public ISyncTransport? Inner { get; set; }

        public long Attempts => Interlocked.Read(ref _attempts);

        public int InFlight => Volatile.Read(ref _inFlight);

        public async Task<SyncResponse> ExchangeAsync(SyncRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            Interlocked.Increment(ref _inFlight);
            try
            {
                return await Inner!.ExchangeAsync(request, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
