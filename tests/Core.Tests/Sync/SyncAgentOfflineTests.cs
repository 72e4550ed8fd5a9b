using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PosFleet.Sync;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Exchange;
using Xunit.Abstractions;

namespace PosFleet.Tests.Sync;

/// <summary>An agent left offline for a simulated week keeps trying at the capped back-off and does not grow.</summary>
[Collection(nameof(SyncAgentOfflineTests))] // measures the process's memory: run alone, not beside other tests
public sealed class SyncAgentOfflineTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Background_OfflineForAWeek_RetriesAtTheCappedDelayWithoutGrowing()
    {
        var clock = new TestClock();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddPosFleet(o => o.TerminalId = "till-01")
            .AddSyncAgent(o => (o.Credential, o.RetryDelay, o.MaxRetryDelay, o.UseRetryJitter) = ("unused", TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), false));
        services.AddSingleton<ISyncTransport, Unreachable>();
        await using var provider = services.BuildServiceProvider();
        var agent = provider.GetRequiredService<IEnumerable<IHostedService>>().OfType<BackgroundService>().Single();
        var transport = (Unreachable)provider.GetRequiredService<ISyncTransport>();
        await agent.StartAsync(default);
        await clock.WaitForTimersAsync(1);

        for (var i = 0; i < 12 * 24; i++)
        {
            await clock.AdvanceAndWaitAsync(TimeSpan.FromMinutes(5)); // the first simulated day: the back-off reaches its cap
        }

        var callsAfterADay = transport.Calls;
        var memoryAfterADay = Settle();
        for (var i = 0; i < 12 * 24 * 6; i++)
        {
            await clock.AdvanceAndWaitAsync(TimeSpan.FromMinutes(5));
        }

        var grown = Settle() - memoryAfterADay;
        var calls = transport.Calls - callsAfterADay;
        output.WriteLine($"managed heap after 1 simulated day offline: {memoryAfterADay} bytes; 6 days later: {grown:+#;-#;0} bytes");
        if (grown >= Limit)
        {
            // The heap is the process's: a test before this one that left a timer or a task running allocates too. A
            // leak of the agent grows again over six more days; such noise does not come back the same.
            var before = Settle();
            for (var i = 0; i < 12 * 24 * 6; i++)
            {
                await clock.AdvanceAndWaitAsync(TimeSpan.FromMinutes(5));
            }

            var again = Settle() - before;
            output.WriteLine($"six more days: {again:+#;-#;0} bytes");
            grown = Math.Min(grown, again);
        }

        await agent.StopAsync(default);

        Assert.Equal(12 * 24 * 6, calls); // one attempt every 5 minutes for six more days
        Assert.True(grown < Limit, $"{grown} bytes more after six more simulated days offline");
        Assert.Equal(SyncOutcomeStatus.Unreachable, provider.GetRequiredService<ISyncAgent>().LastOutcome!.Status);
    }

    private const long Limit = 512 * 1024;

    private static long Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private sealed class Unreachable : ISyncTransport
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<SyncResponse> ExchangeAsync(SyncRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromException<SyncResponse>(new HttpRequestException("no route to host"));
        }
    }
}

/// <summary>The offline test measures memory, so it runs with no other test beside it.</summary>
[CollectionDefinition(nameof(SyncAgentOfflineTests), DisableParallelization = true)]
public sealed class SyncAgentOfflineCollection;
