// sync-http [--terminals 1000] [--batch 5] [--rounds 3] [--concurrency 100] [--store memory|sqlite] [--dir DIR]
//
// A back office (Kestrel on 127.0.0.1, MapPosFleetSync, AddSyncBackOffice, a "ticket" handler) and a fleet of
// terminals in this process, each composed as a host composes one: its own container, its own enrolment and credential,
// its outbox, its sync agent and the HTTP transport (its own HttpClient and connection). Each round, every terminal
// writes a small batch of tickets into its outbox, then all of them sync (at most CONCURRENCY at once); a warm-up round
// is not measured. Prints exchanges per second and the p50 / p95 / p99 latency of one sync (one exchange: the batch is
// under the agent's batch limit), and checks every ticket was applied exactly once.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PosFleet;
using PosFleet.AspNetCore;
using PosFleet.Connectors.Http;
using PosFleet.Connectors.Sqlite;
using PosFleet.Sync;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Inbox;
using PosFleet.Sync.Outbox;

var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length ? args[p.i + 1] : "");
int Int(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var terminalCount = Int("terminals", 1000);
var batch = Int("batch", 5);
var rounds = Int("rounds", 3);
var concurrency = Int("concurrency", 100);
var store = options.GetValueOrDefault("store", "memory");
var dir = options.GetValueOrDefault("dir", Path.Combine(Path.GetTempPath(), "posfleet-sync-http-" + Environment.ProcessId));
Directory.CreateDirectory(dir);

// The back office.
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();
var tickets = new CountingHandler();
var backOffice = builder.Services.AddPosFleet();
if (store == "sqlite")
{
    backOffice.UseSqliteStorageFile(Path.Combine(dir, "backoffice.db"));
}

backOffice.AddSyncBackOffice(o => o.MinimumApplicationVersion = "34").AddOutboxMessageHandler("ticket", tickets);
await using var app = builder.Build();
app.MapPosFleetSync();
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
var syncUri = new Uri(new Uri(address), SyncEndpointRouteBuilderExtensions.DefaultPattern);
var registry = app.Services.GetRequiredService<ITerminalRegistry>();

// The fleet: every terminal enrolled, each in its own container.
var terminals = new List<(ServiceProvider Provider, ISyncAgent Agent, IOutbox Outbox)>(terminalCount);
for (var i = 0; i < terminalCount; i++)
{
    var id = $"till-{i:0000}";
    var organization = $"ORG-{i % 10}";
    var enrolment = await registry.EnrolAsync(id, organization);
    var services = new ServiceCollection();
    services.AddLogging();
    services.AddPosFleet(o =>
        {
            o.TerminalId = id;
            o.Organization = organization;
        })
        .AddSyncAgent(o =>
        {
            o.Credential = enrolment.Credential;
            o.ApplicationVersion = "34.2";
            o.EnableBackground = false;
        })
        .UseHttpSyncTransport(o => o.BackOfficeUri = syncUri);
    var provider = services.BuildServiceProvider();
    provider.ValidatePosFleetOptions();
    terminals.Add((provider, provider.GetRequiredService<ISyncAgent>(), provider.GetRequiredService<IOutbox>()));
}

var payload = JsonDocument.Parse("""{"lines":[{"sku":"4006381333931","qty":2,"price":1.95}],"total":3.90,"tender":"card"}""").RootElement;
var failures = new ConcurrentQueue<string>();
var latencies = new List<double>(terminalCount * rounds);
var measured = TimeSpan.Zero;
for (var round = 0; round <= rounds; round++)
{
    foreach (var t in terminals)
    {
        for (var m = 0; m < batch; m++)
        {
            await t.Outbox.EnqueueAsync(OutboxMessage.Create("ticket", payload, TimeProvider.System), CancellationToken.None);
        }
    }

    var times = new double[terminals.Count];
    var started = Stopwatch.GetTimestamp();
    await Parallel.ForEachAsync(Enumerable.Range(0, terminals.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
    {
        var start = Stopwatch.GetTimestamp();
        var outcome = await terminals[i].Agent.SyncNowAsync(ct);
        times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (outcome.Status != SyncOutcomeStatus.Succeeded || outcome.Exchanges != 1 || outcome.Acknowledged != batch)
        {
            failures.Enqueue($"terminal {i}, round {round}: {outcome.Status} ({outcome.Exchanges} exchanges, {outcome.Acknowledged} acknowledged) {outcome.Error}");
        }
    });
    if (round > 0)
    {
        measured += Stopwatch.GetElapsedTime(started);
        latencies.AddRange(times);
    }
}

latencies.Sort();
double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
var exchanges = terminalCount * rounds;
var expected = terminalCount * batch * (rounds + 1);
var twice = tickets.Applied.Values.Count(n => n > 1);
var Inv = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(Inv, $"terminals: {terminalCount} (each enrolled, 10 organizations), batch: {batch} tickets, rounds: {rounds} (+1 warm-up), concurrency: {concurrency}, back-office store: {store}"));
Console.WriteLine(string.Create(Inv, $"exchanges: {exchanges} in {measured.TotalSeconds:F2} s = {exchanges / measured.TotalSeconds:F0} exchanges/s ({exchanges * batch / measured.TotalSeconds:F0} tickets/s)"));
Console.WriteLine(string.Create(Inv, $"latency of one sync over HTTP: p50 {P(0.50):F1} ms, p95 {P(0.95):F1} ms, p99 {P(0.99):F1} ms, max {latencies[^1]:F1} ms"));
Console.WriteLine(string.Create(Inv, $"delivered: {tickets.Applied.Count} of {expected} tickets applied, {twice} applied twice; failed syncs: {failures.Count}"));
foreach (var failure in failures.Take(5))
{
    Console.WriteLine("  " + failure);
}

foreach (var t in terminals)
{
    await t.Provider.DisposeAsync();
}

await app.StopAsync();
return failures.IsEmpty && tickets.Applied.Count == expected && twice == 0 ? 0 : 1;

/// <summary>Applies a ticket by counting it: a ticket counted twice is a defect.</summary>
internal sealed class CountingHandler : IOutboxMessageHandler
{
    public ConcurrentDictionary<Guid, int> Applied { get; } = new();

    public ValueTask HandleAsync(OutboxMessageContext context, OutboxMessage message, CancellationToken cancellationToken)
    {
        Applied.AddOrUpdate(message.Id, 1, (_, n) => n + 1);
        return ValueTask.CompletedTask;
    }
}
