using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosFleet;
using PosFleet.AspNetCore.BackOffice;
using PosFleet.Actions;
using PosFleet.Connectors.Sqlite;
using PosFleet.Status;

// Usage: status-page <status.db> [requests=200]
// Serves the back office (MapPosFleetBackOffice) over the StatusBoard benchmark's store — build it first with
// 'status-board <dir> 10000' — on Kestrel at 127.0.0.1, with its clock at that store's instant, and times from this
// process the first byte of the status page (headers and the first body byte) for a viewer of all 50 organizations and
// for one of 5, as a browser asks for it: first page, red only, sorted by last heard, a page deep in the keyset, Excel.
if (args.Length < 1 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: status-page <status.db> [requests]   (status.db from: status-board <dir> 10000)");
    return 2;
}

var C = CultureInfo.InvariantCulture;
var requests = args.Length > 1 ? int.Parse(args[1], C) : 200;
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();
builder.Services.AddSingleton<TimeProvider>(new FixedClock(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero)));
builder.Services.AddAuthentication("viewer").AddScheme<AuthenticationSchemeOptions, Viewer>("viewer", null);
builder.Services.AddPosFleet().UseSqliteStorageFile(args[0], o => o.CheckOnOpen = false).AddStatus(o => o.TargetVersion = "35").AddActionsBackOffice().AddBackOffice();
await using var app = builder.Build();
app.UseAuthentication();
app.MapPosFleetBackOffice("/fleet");
await app.StartAsync();
var root = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/fleet/";
using var http = new HttpClient { BaseAddress = new Uri(root) };

async Task<(double Ttfb, long Bytes, string Body)> GetAsync(string path, string viewer)
{
    using var message = new HttpRequestMessage(HttpMethod.Get, path);
    message.Headers.Add("X-Viewer", viewer);
    var watch = Stopwatch.StartNew();
    using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
    await using var body = await response.Content.ReadAsStreamAsync();
    var buffer = new byte[64 * 1024];
    var read = await body.ReadAsync(buffer);
    var ttfb = watch.Elapsed.TotalMilliseconds;
    response.EnsureSuccessStatusCode();
    using var all = new MemoryStream();
    all.Write(buffer, 0, read);
    await body.CopyToAsync(all);
    return (ttfb, all.Length, response.Content.Headers.ContentType?.MediaType == "text/html" ? System.Text.Encoding.UTF8.GetString(all.ToArray()) : "");
}

async Task TimeAsync(string name, string path, string viewer, int count)
{
    var (_, bytes, _) = await GetAsync(path, viewer);
    var times = new List<double>();
    for (var i = 0; i < count; i++)
    {
        times.Add((await GetAsync(path, viewer)).Ttfb);
    }

    times.Sort();
    var p50 = times[times.Count / 2];
    var p95 = times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.95) - 1)];
    Console.WriteLine(string.Create(C, $"{name,-46} TTFB p50 {p50,7:0.0} ms   p95 {p95,7:0.0} ms   {bytes / 1024.0,8:0.0} KiB   ({count} requests)"));
}

// A page deep in the keyset: follow "next" 50 times (5,000 terminals in), as a user paging would.
var deep = "status?sort=Health";
for (var i = 0; i < 50; i++)
{
    var body = (await GetAsync(deep, "all")).Body;
    var at = body.IndexOf("id=\"board-next\" href=\"", StringComparison.Ordinal);
    if (at < 0)
    {
        break;
    }

    var start = at + "id=\"board-next\" href=\"".Length;
    deep = System.Net.WebUtility.HtmlDecode(body[start..body.IndexOf('"', start)])["/fleet/".Length..];
}

Console.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
await TimeAsync("status, all 50 organizations (100 rows)", "status", "all", requests);
await TimeAsync("status, viewer of 5 organizations", "status", "five", requests);
await TimeAsync("status, red only", "status?health=Red", "all", requests);
await TimeAsync("status, hide synced, within 30 minutes", "status?hideSynced=on&within=30&unit=minutes", "all", requests);
await TimeAsync("status, sorted by last heard", "status?sort=LastHeard", "all", requests);
await TimeAsync("status, page 51 (keyset cursor)", deep, "all", requests);
await TimeAsync("Excel, red only", "status/export?health=Red", "all", Math.Max(5, requests / 10));
Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
await app.StopAsync();
return 0;

/// <summary>The store's instant, so health and "updated within" judge the generated heartbeats as the StatusBoard benchmark does.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>Signs every request in as the viewer its X-Viewer header names: "all" (ORG-00 to ORG-49) or "five".</summary>
internal sealed class Viewer(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var organizations = Request.Headers["X-Viewer"] == "five" ? Enumerable.Range(0, 5).Select(i => i * 7) : Enumerable.Range(0, 50);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "bench"), .. organizations.Select(i => new Claim("posfleet:outlet-setup", $"ORG-{i:D2}"))], "viewer");
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), "viewer")));
    }
}
