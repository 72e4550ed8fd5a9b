using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PosFleet;
using PosFleet.Connectors.PostgreSql;
using PosFleet.Connectors.Sqlite;
using PosFleet.Logs;
using PosFleet.Logs.Ingest;
using PosFleet.Logs.Storage;

// Usage: PG_INGEST_CONNECTION=... pg-ingest <fleet.log> - <sqlite file> [runs]
// Ingests the same log into each store from empty, in this process (classification included), then times search
// by word and the 48-hour dashboard on each. The PostgreSQL connection string comes only from the environment
// (PG_INGEST_CONNECTION), so that a password never sits on a command line, where other users and process lists see it.
const string Usage = """
    usage: PG_INGEST_CONNECTION="Host=...;Username=...;Password=...;Database=..." pg-ingest <fleet.log> - <sqlite file> [runs]
      The PostgreSQL connection string is read only from the environment variable PG_INGEST_CONNECTION, never from the
      command line; the second argument is "-".
    """;
if (args.Length < 3 || args[1] != "-")
{
    Console.Error.WriteLine(args.Length >= 3
        ? "pg-ingest: the second argument must be \"-\": put the connection string in PG_INGEST_CONNECTION, not on the command line."
        : Usage);
    return 2;
}

var log = args[0];
var connectionString = Environment.GetEnvironmentVariable("PG_INGEST_CONNECTION") ?? "";
if (string.IsNullOrWhiteSpace(connectionString))
{
    Console.Error.WriteLine("pg-ingest: PG_INGEST_CONNECTION is not set: export the PostgreSQL connection string in it.\n" + Usage);
    return 2;
}

var runs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 100;
var lines = File.ReadLines(log).LongCount();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"log: {log}, {lines:N0} lines, {new FileInfo(log).Length / 1e6:0.0} MB"));

foreach (var (name, register) in new (string, Action<IPosFleetBuilder>)[]
{
    ("sqlite", b => b.UseSqliteStorageFile(args[2], o => o.CheckOnOpen = false)),
    ("postgresql", b => b.UsePostgreSqlStorage(connectionString)),
})
{
    var services = new ServiceCollection().AddLogging();
    register(services.AddPosFleet());
    await using var provider = services.BuildServiceProvider();
    var store = provider.GetRequiredService<ILogStore>();
    await store.GetCheckpointAsync("warm-up", CancellationToken.None); // migrations are not timed

    var clock = Stopwatch.StartNew();
    var summary = await provider.GetRequiredService<ILogIngester>().IngestAsync(new LogIngestRequest { Paths = [log] });
    var seconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-10} ingest: {summary.NewEntries:N0} entries in {seconds:0.00} s = {summary.LinesRead / seconds:N0} lines/s"));

    var newest = (await store.QueryAsync(new LogQuery { Limit = 1 }, CancellationToken.None)).Entries[0].Timestamp;
    var to = new DateTimeOffset(newest.UtcTicks - (newest.UtcTicks % TimeSpan.TicksPerHour) + TimeSpan.TicksPerHour, TimeSpan.Zero);
    var window = new LogQuery { From = to.AddHours(-48), To = to };
    string[] words = ["printer", "payment", "timeout", "offline", "paper", "scale", "sync", "disk", "card", "drawer"];
    var errorsAndAlerts = new HashSet<LogSeverity> { LogSeverity.Error, LogSeverity.Alert };
    var errors = new HashSet<LogSeverity> { LogSeverity.Error };
    Console.WriteLine(await TimeAsync($"{name,-10} search WORD (newest 50)", async i =>
        await store.QueryAsync(new LogQuery { Text = words[i % words.Length], Limit = 50 }, CancellationToken.None)));
    Console.WriteLine(await TimeAsync($"{name,-10} search WORD --since 48h", async i =>
        await store.QueryAsync(window with { Text = words[i % words.Length], Limit = 50 }, CancellationToken.None)));
    Console.WriteLine(await TimeAsync($"{name,-10} dashboard --hours 48", async _ =>
    {
        await store.CountAsync(window, CancellationToken.None);
        await store.GroupByTemplateAsync(window with { Severities = errorsAndAlerts }, 10, CancellationToken.None);
        await store.GroupByTerminalAsync(window with { Severities = errors }, 10, CancellationToken.None);
    }));
}

return 0;

async Task<string> TimeAsync(string name, Func<int, Task> query)
{
    await query(0); // warm the cache and the pool
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var clock = Stopwatch.StartNew();
        await query(i);
        times.Add(clock.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    var p50 = times[times.Count / 2];
    var p95 = times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.95) - 1)];
    return string.Create(CultureInfo.InvariantCulture, $"{name,-36} p50 {p50,8:0.0} ms   p95 {p95,8:0.0} ms   ({runs} runs)");
}
