using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PosFleet;
using PosFleet.Connectors.Email;
using PosFleet.Connectors.Sqlite;
using PosFleet.Digests;

// Usage: digest-latency <fleet.db> <as-of ISO-8601> [runs]
// Times, in this process (no tool start-up, no file check), what 'posfleet digest run --now' does: count, group by
// template and terminal, render text + HTML, write the .eml, record the run in the ledger.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: digest-latency <fleet.db> <as-of> [runs]");
    return 2;
}

var asOf = DateTimeOffset.Parse(args[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
if (runs < 1)
{
    Console.Error.WriteLine("digest-latency: runs must be at least 1 (each series times one first run and that many more).");
    return 2;
}

var pickup = Directory.CreateTempSubdirectory("posfleet-digest-latency-");
var clock = new SettableTimeProvider(asOf);

var services = new ServiceCollection();
services.AddSingleton<TimeProvider>(clock);
services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
services.AddPosFleet()
    .UseSqliteStorageFile(args[0], o => o.CheckOnOpen = false) // the digest is measured, not the file check
    .AddDigests(o => o.EnableScheduler = false)
    .AddPickupFolderNotifier(pickup.FullName);
await using var provider = services.BuildServiceProvider();
provider.ValidatePosFleetOptions();
var store = provider.GetRequiredService<IDigestStore>();
var runner = provider.GetRequiredService<IDigestRunner>();

// A subscription of its own: no window it audits is in the ledger already, whatever ran over this store before.
var id = $"latency-{Guid.NewGuid():n}";
await store.SaveSubscriptionAsync(
    new DigestSubscription { Id = id, Name = id, Recipients = ["ops@example.com"], MinimumThreshold = 1, Kinds = null, TimeZone = "UTC", Window = TimeSpan.FromHours(24) },
    CancellationToken.None);

try
{
    // Each audit is over a new window (an audit of a window done already would be skipped by the ledger).
    var hour = new DateTimeOffset(asOf.UtcTicks - (asOf.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
    var seconds = Enumerable.Range(1, int.MaxValue).Select(i => asOf.AddSeconds(-i)).Where(t => t.UtcTicks % TimeSpan.TicksPerHour != 0).Take(runs + 1);
    var hours = Enumerable.Range(0, runs + 1).Select(i => hour.AddHours(-i));
    Console.WriteLine(await TimeAsync("audit, window ending at an arbitrary second", seconds));
    Console.WriteLine(await TimeAsync("audit, window ending on a whole hour", hours));
}
finally
{
    await store.RemoveSubscriptionAsync(id, CancellationToken.None);
    pickup.Delete(recursive: true);
}

return 0;

async Task<string> TimeAsync(string name, IEnumerable<DateTimeOffset> windowEnds)
{
    var times = new List<double>();
    long? entries = null;
    foreach (var end in windowEnds)
    {
        clock.Now = end;
        var watch = Stopwatch.StartNew();
        var result = await runner.AuditAsync(id, cancellationToken: CancellationToken.None);
        times.Add(watch.Elapsed.TotalMilliseconds);
        if (result.Outcome is not DigestRunOutcome.Sent)
        {
            throw new InvalidOperationException($"The audit of the window ending {end:u} was {result.Outcome}, not sent: {result.Run?.Error}");
        }

        entries ??= result.Run?.Count;
    }

    var first = times[0];
    var rest = times.Skip(1).Order().ToList();
    var p50 = rest[rest.Count / 2];
    var p95 = rest[Math.Min(rest.Count - 1, (int)Math.Ceiling(rest.Count * 0.95) - 1)];
    return string.Create(
        CultureInfo.InvariantCulture,
        $"{name,-44} first {first,8:0.0} ms   p50 {p50,8:0.0} ms   p95 {p95,8:0.0} ms   ({rest.Count} more runs; {entries:N0} entries counted in the first window)");
}

/// <summary>A clock the benchmark moves: each audit's window ends at <see cref="Now"/>.</summary>
internal sealed class SettableTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
