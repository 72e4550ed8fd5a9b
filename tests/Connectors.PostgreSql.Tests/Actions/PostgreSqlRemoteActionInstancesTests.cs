using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Actions;
using PosFleet.Actions.Terminal;
using PosFleet.Sync;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Exchange;

namespace PosFleet.Connectors.PostgreSql.Tests.Actions;

/// <summary>
/// Four back-office instances behind a load balancer over one database, many terminals exchanging at once: each action
/// runs once on its terminal and its result is recorded once, whichever instance each exchange reaches.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlRemoteActionInstancesTests(PostgreSqlServer server) : IAsyncDisposable
{
    private const int Instances = 4;
    private const int Terminals = 8;
    private const int ActionsPerTerminal = 4;
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
    private readonly List<ServiceProvider> _providers = [];
    private readonly ConcurrentDictionary<Guid, int> _runs = new();
    private readonly string _work = Path.Combine(Path.GetTempPath(), "posfleet-pg-actions", Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public async Task Exchanges_FourInstancesManyTerminalsAtOnce_EachActionRunsOnceAndItsResultIsRecordedOnce(int loseEveryNthResponse)
    {
        var connectionString = await server.CreateDatabaseAsync();
        var backOffices = Enumerable.Range(0, Instances).Select(_ => BackOffice(connectionString)).ToList();
        var balancer = new LoadBalancer([.. backOffices.Select(b => b.GetRequiredService<ISyncExchangeHandler>())]) { LoseEvery = loseEveryNthResponse };
        var terminals = new List<ServiceProvider>();
        var ids = new List<Guid>();
        for (var t = 0; t < Terminals; t++)
        {
            var id = $"till-{t:00}";
            var enrolment = await backOffices[t % Instances].GetRequiredService<ITerminalRegistry>().EnrolAsync(id, "ACME");
            terminals.Add(Terminal(id, enrolment.Credential, balancer));
            for (var a = 0; a < ActionsPerTerminal; a++)
            {
                // Queued through every instance in turn; the parameters differ so that none collapses into another.
                var queued = await backOffices[(t + a) % Instances].GetRequiredService<IRemoteActionQueue>().QueueAsync(
                    new RemoteActionRequest { Organization = "ACME", TerminalId = id, Name = "clear-cache", Parameters = new Dictionary<string, string> { ["n"] = $"{t}-{a}" } });
                ids.Add(Assert.Single(queued).Action.Id);
            }
        }

        // Every terminal syncs and runs at once, round after round; a lost response is the terminal's to try again.
        await Task.WhenAll(terminals.Select(terminal => Task.Run(async () =>
        {
            for (var round = 0; round < 6; round++)
            {
                await terminal.GetRequiredService<ISyncAgent>().SyncNowAsync();
                await terminal.GetRequiredService<IRemoteActionRunner>().RunPendingAsync();
            }
        })));
        balancer.LoseEvery = 0;
        await Task.WhenAll(terminals.Select(terminal => Task.Run(async () =>
        {
            for (var round = 0; round < 3; round++)
            {
                Assert.Equal(SyncOutcomeStatus.Succeeded, (await terminal.GetRequiredService<ISyncAgent>().SyncNowAsync()).Status);
                await terminal.GetRequiredService<IRemoteActionRunner>().RunPendingAsync();
            }
        })));

        Assert.All(balancer.Handled, handled => Assert.True(handled > 0));
        var queue = backOffices[^1].GetRequiredService<IRemoteActionQueue>();
        foreach (var id in ids)
        {
            var action = (await queue.GetAsync("ACME", id))!;
            Assert.Equal(RemoteActionState.Succeeded, action.State);
            Assert.Equal(1, _runs.GetValueOrDefault(id));
            Assert.Single(action.History, h => h.State == RemoteActionState.Running);
            Assert.Single(action.History, h => h.State == RemoteActionState.Succeeded);
            if (loseEveryNthResponse == 0)
            {
                Assert.Single(action.History, h => h.State == RemoteActionState.Delivered);
            }
        }

        Assert.Equal(ids.Count, _runs.Count);
        Assert.Empty((await queue.ListAsync(new RemoteActionQuery { Organization = "ACME", List = RemoteActionList.Pending })).Actions);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    private ServiceProvider BackOffice(string connectionString)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddPosFleet().AddSyncBackOffice().AddActionsBackOffice().UsePostgreSqlStorage(connectionString);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    private ServiceProvider Terminal(string id, string credential, ISyncExchangeHandler balancer)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddPosFleet(o => (o.TerminalId, o.Organization) = (id, "ACME"))
            .AddSyncAgent(o =>
            {
                o.Credential = credential;
                o.ApplicationVersion = "34.1";
                o.EnableBackground = false;
            })
            .AddSyncInProcessTransport(balancer)
            .AddActionsAgent(o =>
            {
                o.EnableBackground = false;
                o.RetryDelay = TimeSpan.Zero;
                o.WorkDirectory = Path.Combine(_work, id);
            })
            .AddActionHandler("clear-cache", new CountingHandler(_runs));
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    /// <summary>Sends each exchange to the next instance in turn; every Nth response is lost on the way back (the exchange happened).</summary>
    private sealed class LoadBalancer(IReadOnlyList<ISyncExchangeHandler> instances) : ISyncExchangeHandler
    {
        private int _next;

        public int LoseEvery { get; set; }

        public int[] Handled { get; } = new int[instances.Count];

        public async ValueTask<SyncExchangeResult> HandleAsync(string? credential, SyncRequest request, CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _next);
            var result = await instances[n % instances.Count].HandleAsync(credential, request, cancellationToken);
            Interlocked.Increment(ref Handled[n % instances.Count]);
            return LoseEvery > 0 && n % LoseEvery == 0 ? throw new HttpRequestException("The connection was reset before the response arrived.") : result;
        }
    }

    /// <summary>Counts the runs of each action, yielding so that the terminals interleave.</summary>
    private sealed class CountingHandler(ConcurrentDictionary<Guid, int> runs) : IRemoteActionHandler
    {
        public async ValueTask<RemoteActionOutcome> RunAsync(RemoteActionContext context, CancellationToken cancellationToken)
        {
            await Task.Yield();
            runs.AddOrUpdate(context.ActionId, 1, (_, n) => n + 1);
            return RemoteActionOutcome.Succeeded("cache cleared");
        }
    }
}
