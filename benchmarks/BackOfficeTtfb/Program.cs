using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using PosFleet;
using PosFleet.AspNetCore.BackOffice;
using PosFleet.Connectors.Sqlite;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

// Usage: backoffice-ttfb <fleet.db> <as-of ISO-8601> [runs]
// Serves the web back office over <fleet.db> on 127.0.0.1 (Kestrel, a clock stopped at <as-of>, a user of the
// organization with the most errors in the 48 hours before it) and times, over HTTP from this process, the time to
// first byte of the dashboard and of the reports' first page: the first request (cold), then p50 / p95 of RUNS more.
// Prints the dashboard's page weight (HTML + style sheet, raw and gzip-compressed).
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: backoffice-ttfb <fleet.db> <as-of> [runs]");
    return 2;
}

var asOf = DateTimeOffset.Parse(args[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();
builder.Services.AddSingleton<TimeProvider>(new StoppedClock(asOf));
builder.Services.AddPosFleet()
    .UseSqliteStorage(o =>
    {
        o.ConnectionString = $"Data Source={args[0]}";
        o.CheckOnOpen = false; // measures the pages, not the start-up check of the file
    })
    .AddBackOffice();
await using var app = builder.Build();

// The busiest organization of the window, and a user who may see it (what the host's authentication would give).
var store = app.Services.GetRequiredService<ILogStore>();
var window = new LogQuery { From = asOf.AddHours(-48), To = asOf, Severities = new HashSet<LogSeverity> { LogSeverity.Error } };
var top = await store.GroupByTerminalAsync(window, 1, CancellationToken.None);
var busiest = (top.Count > 0 ? top[0].Organization : null)
    ?? throw new InvalidOperationException($"No errors in the 48 hours before {asOf:O}: pass the instant the log ends at.");
var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("posfleet:outlet-setup", busiest)], "bench"));
app.Use((context, next) =>
{
    context.User = user;
    return next(context);
});
app.MapPosFleetBackOffice("/fleet");
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
using var client = new HttpClient { BaseAddress = new Uri(address) };

Console.WriteLine($"store: {args[0]} ({new FileInfo(args[0]).Length / (1024.0 * 1024):N0} MiB); as of {asOf:O}; organization {busiest}");
foreach (var (name, path) in new[] { ("dashboard", $"/fleet/?org={busiest}"), ("reports, first page", $"/fleet/reports?org={busiest}") })
{
    var first = await TimeToFirstByteAsync(path);
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        times.Add(await TimeToFirstByteAsync(path));
    }

    times.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: first {first:0.0} ms; {runs} more: p50 {Percentile(times, 0.50):0.0} ms, p95 {Percentile(times, 0.95):0.0} ms, max {times[^1]:0.0} ms"));
}

var html = await client.GetByteArrayAsync($"/fleet/?org={busiest}");
var css = await client.GetByteArrayAsync("/fleet/assets/backoffice.css");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"dashboard page weight: HTML {html.Length:N0} B ({Gzip(html):N0} B gzip) + CSS {css.Length:N0} B ({Gzip(css):N0} B gzip), no script, no image, no font: 2 requests"));
await app.StopAsync();
return 0;

async Task<double> TimeToFirstByteAsync(string path)
{
    var watch = Stopwatch.StartNew();
    using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
    await using var body = await response.Content.ReadAsStreamAsync();
    _ = body.ReadByte();
    var elapsed = watch.Elapsed.TotalMilliseconds;
    if (response.StatusCode != HttpStatusCode.OK)
    {
        throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}.");
    }

    await body.CopyToAsync(Stream.Null);
    return elapsed;
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

static long Gzip(byte[] bytes)
{
    using var buffer = new MemoryStream();
    using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
    {
        gzip.Write(bytes);
    }

    return buffer.Length;
}

/// <summary>A clock stopped at the instant the log ends, so the dashboard's 48 hours are the log's last 48.</summary>
internal sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
