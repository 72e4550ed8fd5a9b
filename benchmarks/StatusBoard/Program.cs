using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PosFleet;
using Npgsql;
using NpgsqlTypes;
using PosFleet.Connectors.PostgreSql;
using PosFleet.Connectors.Sqlite;
using PosFleet.Status;

// Usage: status-board <dir> [terminals=10000] [errors-per-terminal=100] [runs=100]
// Builds <dir>/status.db: N terminals in 50 organizations, each with its latest heartbeat recorded through the store
// (as the back office records it) and a year of sync-error history bulk-loaded into the same table; then times, in
// this process, what the status board asks (first pages, a viewer's organizations, filters, keyset pages to the end)
// and the .xlsx export of the whole board. With STATUS_BOARD_POSTGRESQL set (a connection string), the same runs on
// that PostgreSQL database instead (UsePostgreSqlStorage; the history loaded with binary COPY), as pg-status-board.sh does.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: status-board <dir> [terminals] [errors-per-terminal] [runs]");
    return 2;
}

var C = CultureInfo.InvariantCulture;
var terminals = args.Length > 1 ? int.Parse(args[1], C) : 10_000;
var errorsPerTerminal = args.Length > 2 ? int.Parse(args[2], C) : 100;
var runs = args.Length > 3 ? int.Parse(args[3], C) : 100;
Directory.CreateDirectory(args[0]);
var path = Path.Combine(args[0], "status.db");
foreach (var file in new[] { path, path + "-wal", path + "-shm" })
{
    File.Delete(file);
}

var now = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
var services = new ServiceCollection();
services.TryAddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
var postgreSql = Environment.GetEnvironmentVariable("STATUS_BOARD_POSTGRESQL");
var posFleet = services.AddPosFleet();
_ = postgreSql is null ? posFleet.UseSqliteStorageFile(path, o => o.CheckOnOpen = false) : posFleet.UsePostgreSqlStorage(postgreSql);
posFleet.AddStatus(o => o.TargetVersion = "35");
await using var provider = services.BuildServiceProvider();
provider.ValidatePosFleetOptions();
if (postgreSql is not null)
{
    // Outside a generic host the schema is migrated on first use; a first read migrates it before the clock starts.
    await provider.GetRequiredService<IStatusBoard>().QueryAsync(StatusBoardAccess.Everything, new StatusBoardQuery { AsOf = now });
}
var store = provider.GetRequiredService<ITerminalStatusStore>();
var board = provider.GetRequiredService<IStatusBoard>();
var random = new Random(42);
string[] errors = ["The back office could not be reached: Connection refused", "The back office could not be reached: The operation has timed out.", "Only terminals of version 34 and later are accepted; this one runs 33.9: update it.", "The outbox could not be read: database is locked"];

var clock = Stopwatch.StartNew();
for (var i = 0; i < terminals; i++)
{
    var failed = random.NextDouble() < 0.08;
    var minutesAgo = random.NextDouble() < 0.05 ? random.Next(30, 60 * 24 * 30) : random.NextDouble() * 5;
    await store.RecordAsync(
        new TerminalStatus
        {
            TerminalId = $"till-{i:D5}",
            Organization = $"ORG-{i % 50:D2}",
            ApplicationVersion = random.NextDouble() < 0.15 ? "34.9" : "35.0",
            LastUpdate = now.AddDays(-random.Next(1, 200)),
            LastSync = now.AddMinutes(-minutesAgo - (failed ? 60 : 0)),
            LastSyncError = failed ? errors[random.Next(errors.Length)] : null,
            OutboxDepth = failed ? random.Next(1, 5000) : 0,
            OldestUnsentAge = failed ? TimeSpan.FromMinutes(random.Next(1, 600)) : null,
            SyncInterval = TimeSpan.FromMinutes(1),
            ReceivedAt = now.AddMinutes(-minutesAgo),
        },
        1000,
        CancellationToken.None);
}

var recorded = clock.Elapsed;
clock.Restart();
long history = 0;
if (postgreSql is not null)
{
    await using var connection = new NpgsqlConnection(postgreSql);
    await connection.OpenAsync();
    await using var writer = await connection.BeginBinaryImportAsync("COPY status_sync_errors (terminal, organization, received_at, error) FROM STDIN (FORMAT BINARY)");
    for (var i = 0; i < terminals; i++)
    {
        var instants = Enumerable.Range(0, errorsPerTerminal).Select(_ => now.AddMinutes(-random.NextDouble() * 365 * 24 * 60).UtcTicks).Order();
        foreach (var ticks in instants)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync($"till-{i:D5}", NpgsqlDbType.Text);
            await writer.WriteAsync($"ORG-{i % 50:D2}", NpgsqlDbType.Text);
            await writer.WriteAsync(ticks, NpgsqlDbType.Bigint);
            await writer.WriteAsync(errors[random.Next(errors.Length)], NpgsqlDbType.Text);
            history++;
        }
    }

    await writer.CompleteAsync();
    await writer.DisposeAsync();
    await using var analyze = new NpgsqlCommand("ANALYZE status_terminals; ANALYZE status_sync_errors;", connection);
    await analyze.ExecuteNonQueryAsync();
}
else
{
    using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path }.ToString()))
    {
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO status_sync_errors (terminal, organization, received_at, error) VALUES ($t, $o, $at, $e);";
        var t = insert.Parameters.Add("$t", SqliteType.Text);
        var o = insert.Parameters.Add("$o", SqliteType.Text);
        var at = insert.Parameters.Add("$at", SqliteType.Integer);
        var e = insert.Parameters.Add("$e", SqliteType.Text);
        insert.Prepare();
        for (var i = 0; i < terminals; i++)
        {
            var instants = Enumerable.Range(0, errorsPerTerminal).Select(_ => now.AddMinutes(-random.NextDouble() * 365 * 24 * 60).UtcTicks).Order();
            foreach (var ticks in instants)
            {
                (t.Value, o.Value, at.Value, e.Value) = ($"till-{i:D5}", $"ORG-{i % 50:D2}", ticks, errors[random.Next(errors.Length)]);
                insert.ExecuteNonQuery();
                history++;
            }
        }

        transaction.Commit();
    }
}

SqliteConnection.ClearAllPools();
Console.WriteLine(string.Create(C, $"{terminals:N0} terminals recorded through the store in {recorded.TotalSeconds:0.0} s; {history:N0} sync errors over 365 days loaded in {clock.Elapsed.TotalSeconds:0.0} s; {(postgreSql is null ? $"file {new FileInfo(path).Length / 1048576.0:0} MiB" : "store: PostgreSQL")}"));
Console.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");

async Task TimeAsync(string name, Func<int, Task> query)
{
    await query(0);
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        await query(i);
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    var p50 = times[times.Count / 2];
    var p95 = times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.95) - 1)];
    Console.WriteLine(string.Create(C, $"{name,-52} p50 {p50,7:0.0} ms   p95 {p95,7:0.0} ms   ({runs} runs)"));
}

var everything = StatusBoardAccess.Everything;
var viewer = StatusBoardAccess.To(Enumerable.Range(0, 5).Select(i => $"ORG-{i * 7:D2}"));
var query = new StatusBoardQuery { AsOf = now };
await TimeAsync("first page, all organizations (100 rows)", _ => board.QueryAsync(everything, query));
await TimeAsync("first page, sorted by health", _ => board.QueryAsync(everything, query with { Sort = StatusBoardSort.Health }));
await TimeAsync("viewer with 5 organizations, by health", _ => board.QueryAsync(viewer, query with { Sort = StatusBoardSort.Health }));
await TimeAsync("one organization, updated within 1 h", i => board.QueryAsync(everything, query with { Organization = $"ORG-{i % 50:D2}", UpdatedWithin = TimeSpan.FromHours(1) }));
await TimeAsync("hide synced (errors only)", _ => board.QueryAsync(everything, query with { HideSynced = true }));
await TimeAsync("health red,grey", _ => board.QueryAsync(everything, query with { Health = [TerminalHealth.Red, TerminalHealth.Grey] }));
await TimeAsync("text 'timed out'", _ => board.QueryAsync(everything, query with { Text = "timed out" }));
var cursors = new List<string?> { null };
for (var page = await board.QueryAsync(everything, query); page.Next is not null; page = await board.QueryAsync(everything, query with { After = page.Next }))
{
    cursors.Add(page.Next);
}

await TimeAsync($"any page of {cursors.Count} (keyset cursor)", i => board.QueryAsync(everything, query with { After = cursors[i % cursors.Count] }));
Console.WriteLine($"load average after queries: {File.ReadAllText("/proc/loadavg").Trim()}");

var exportTimes = new List<double>();
long size = 0;
var rows = 0;
for (var i = 0; i < 5; i++)
{
    var xlsx = Path.Combine(args[0], "board.xlsx");
    var watch = Stopwatch.StartNew();
    await using (var file = File.Create(xlsx))
    {
        rows = await board.ExportXlsxAsync(everything, query with { Sort = StatusBoardSort.Health }, file);
    }

    exportTimes.Add(watch.Elapsed.TotalMilliseconds);
    size = new FileInfo(xlsx).Length;
}

exportTimes.Sort();
Console.WriteLine(string.Create(C, $"xlsx export of {rows:N0} rows: median {exportTimes[2]:0} ms, min {exportTimes[0]:0} ms, max {exportTimes[4]:0} ms (5 runs), {size / 1024.0:0} KiB"));
Console.WriteLine($"load average after export: {File.ReadAllText("/proc/loadavg").Trim()}");
return 0;
