using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PosFleet;
using PosFleet.Connectors.Sqlite;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

// Usage: store-latency <fleet.db> <as-of ISO-8601> [runs]
// Times, in this process (no start-up cost), what `posfleet search` and `posfleet dashboard` ask the store.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: store-latency <fleet.db> <as-of> [runs]");
    return 2;
}

var asOf = DateTimeOffset.Parse(args[1], CultureInfo.InvariantCulture);
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50;
var services = new ServiceCollection();
services.AddPosFleet().UseSqliteStorageFile(args[0], o => o.CheckOnOpen = false);
await using var provider = services.BuildServiceProvider();
provider.ValidatePosFleetOptions();
var store = provider.GetRequiredService<ILogStore>();

// Sample references and words from the store itself, so that every query finds something.
var sample = (await store.QueryAsync(new LogQuery { To = asOf, Limit = 2000 }, CancellationToken.None)).Entries;
var references = sample.Select(e => e.Reference).OfType<string>().Distinct().Take(runs).ToList();
string[] words = ["printer", "payment", "timeout", "offline", "paper", "scale", "sync", "disk", "card", "drawer"];
var to = new DateTimeOffset(asOf.UtcTicks - (asOf.UtcTicks % TimeSpan.TicksPerHour) + TimeSpan.TicksPerHour, TimeSpan.Zero);
var window = new LogQuery { From = to.AddHours(-48), To = to };
var errorsAndAlerts = new HashSet<LogSeverity> { LogSeverity.Error, LogSeverity.Alert };
var errors = new HashSet<LogSeverity> { LogSeverity.Error };

async Task<string> TimeAsync(string name, Func<int, Task> query)
{
    await query(0); // warm the page cache and the pool
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
    return string.Create(CultureInfo.InvariantCulture, $"{name,-28} p50 {p50,8:0.0} ms   p95 {p95,8:0.0} ms   ({runs} runs)");
}

Console.WriteLine(await TimeAsync("search --ref R", async i =>
    await store.QueryAsync(new LogQuery { Reference = references[i % references.Count], Limit = 50 }, CancellationToken.None)));
Console.WriteLine(await TimeAsync("search WORD (newest 50)", async i =>
    await store.QueryAsync(new LogQuery { Text = words[i % words.Length], Limit = 50 }, CancellationToken.None)));
Console.WriteLine(await TimeAsync("search WORD --since 48h", async i =>
    await store.QueryAsync(window with { Text = words[i % words.Length], Limit = 50 }, CancellationToken.None)));
if (Environment.GetEnvironmentVariable("STORE_LATENCY_PER_WORD") == "1")
{
    foreach (var word in words)
    {
        Console.WriteLine(await TimeAsync($"  search {word}", async _ => await store.QueryAsync(new LogQuery { Text = word, Limit = 50 }, CancellationToken.None)));
    }
}

Console.WriteLine(await TimeAsync("dashboard --hours 48", async _ =>
{
    await store.CountAsync(window, CancellationToken.None);
    await store.GroupByTemplateAsync(window with { Severities = errorsAndAlerts }, 10, CancellationToken.None);
    await store.GroupByTerminalAsync(window with { Severities = errors }, 10, CancellationToken.None);
}));
return 0;
