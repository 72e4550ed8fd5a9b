// pg-instances [--instances 2] [--terminals 500] [--batch 5] [--rounds 3] [--concurrency 100]
//
// N back-office instances on one PostgreSQL database (connection string in PG_INSTANCES_CONNECTION), each composed as
// a host composes one: its own WebApplication on Kestrel at a free port on 127.0.0.1, its own container,
// UsePostgreSqlStorage (its own pool; the schema migrated at start-up, the instances starting together),
// AddSyncBackOffice and MapPosFleetSync. The terminals (each its own container, enrolment, outbox, agent and HTTP
// transport) sit behind a round-robin balancer: every HTTP request of every terminal goes to the next instance, so one
// terminal's exchanges land on all of them. Each round every terminal writes BATCH tickets and syncs; the warm-up round
// is not measured. Prints exchanges per second and checks every ticket was applied exactly once across the instances
// (the "ticket" handler of every instance counts into one tally).
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
using PosFleet.Connectors.PostgreSql;
using PosFleet.Sync;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Inbox;
using PosFleet.Sync.Outbox;

var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length ? args[p.i + 1] : "");
int Int(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var instanceCount = Int("instances", 2);
var terminalCount = Int("terminals", 500);
var batch = Int("batch", 5);
var rounds = Int("rounds", 3);
var concurrency = Int("concurrency", 100);
var connectionString = Environment.GetEnvironmentVariable("PG_INSTANCES_CONNECTION")
    ?? throw new InvalidOperationException("PG_INSTANCES_CONNECTION is not set.");

// The back-office instances, started together (their migrations take turns on the advisory lock).
var tickets = new CountingHandler();
var instances = new List<WebApplication>();
for (var n = 0; n < instanceCount; n++)
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.Logging.ClearProviders();
    builder.Services.AddPosFleet()
        .UsePostgreSqlStorage(connectionString)
        .AddSyncBackOffice(o => o.MinimumApplicationVersion = "34").AddOutboxMessageHandler("ticket", tickets);
    var app = builder.Build();
    app.MapPosFleetSync();
    instances.Add(app);
}

await Task.WhenAll(instances.Select(app => app.StartAsync()));
var syncUris = instances.Select(app => new Uri(new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()),
    SyncEndpointRouteBuilderExtensions.DefaultPattern)).ToArray();
var balancer = new RoundRobin(syncUris);

// The fleet: every terminal enrolled (at the instance the balancer picks), each in its own container.
var terminals = new List<(ServiceProvider Provider, ISyncAgent Agent, IOutbox Outbox)>(terminalCount);
for (var i = 0; i < terminalCount; i++)
{
    var id = $"till-{i:0000}";
    var organization = $"ORG-{i % 10}";
    var registry = instances[i % instanceCount].Services.GetRequiredService<ITerminalRegistry>();
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
        .UseHttpSyncTransport(o => o.BackOfficeUri = syncUris[0]);
    services.AddHttpClient(HttpSyncPosFleetBuilderExtensions.HttpClientName).AddHttpMessageHandler(() => new BalancingHandler(balancer));
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
        if (outcome.Status != SyncOutcomeStatus.Succeeded || outcome.Acknowledged != batch)
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
var lost = expected - tickets.Applied.Count;
var Inv = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(Inv, $"instances: {instanceCount} on one PostgreSQL database (round-robin per request), terminals: {terminalCount}, batch: {batch} tickets, rounds: {rounds} (+1 warm-up), concurrency: {concurrency}"));
Console.WriteLine(string.Create(Inv, $"requests per instance: {string.Join(", ", balancer.Counts)}"));
Console.WriteLine(string.Create(Inv, $"exchanges: {exchanges} in {measured.TotalSeconds:F2} s = {exchanges / measured.TotalSeconds:F0} exchanges/s ({exchanges * batch / measured.TotalSeconds:F0} tickets/s)"));
Console.WriteLine(string.Create(Inv, $"latency of one sync over HTTP: p50 {P(0.50):F1} ms, p95 {P(0.95):F1} ms, p99 {P(0.99):F1} ms, max {latencies[^1]:F1} ms"));
Console.WriteLine(string.Create(Inv, $"delivered: {tickets.Applied.Count} of {expected} tickets applied, duplicates {twice}, lost {lost}; failed syncs: {failures.Count}"));
foreach (var failure in failures.Take(5))
{
    Console.WriteLine("  " + failure);
}

foreach (var t in terminals)
{
    await t.Provider.DisposeAsync();
}

foreach (var app in instances)
{
    await app.StopAsync();
    await app.DisposeAsync();
}

return failures.IsEmpty && lost == 0 && twice == 0 ? 0 : 1;

/// <summary>Applies a ticket by counting it, whichever instance applies it: a ticket counted twice is a defect.</summary>
internal sealed class CountingHandler : IOutboxMessageHandler
{
    public ConcurrentDictionary<Guid, int> Applied { get; } = new();

    public ValueTask HandleAsync(OutboxMessageContext context, OutboxMessage message, CancellationToken cancellationToken)
    {
        Applied.AddOrUpdate(message.Id, 1, (_, n) => n + 1);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The load balancer's choice: the next instance for every request, whoever sends it.</summary>
internal sealed class RoundRobin(Uri[] targets)
{
    private readonly long[] counts = new long[targets.Length];
    private long next = -1;

    public IEnumerable<long> Counts => counts.Select(c => Interlocked.Read(ref c));

    public Uri Next()
    {
        var i = (int)(Interlocked.Increment(ref next) % targets.Length);
        Interlocked.Increment(ref counts[i]);
        return targets[i];
    }
}

/// <summary>Sends each request of a terminal's sync client to the instance the balancer picks.</summary>
internal sealed class BalancingHandler(RoundRobin balancer) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.RequestUri = balancer.Next();
        return base.SendAsync(request, cancellationToken);
    }
}
