using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PosFleet.Sync;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Exchange;

namespace PosFleet.Tests.Sync;

/// <summary>
/// The agent and its host's shutdown: StopAsync ends the background loop mid back-off and any exchange under way —
/// also one the host started itself with no token — without the fake clock moving. The real-time bound on each wait
/// only keeps a broken build from hanging the run; nothing here sleeps.
/// </summary>
public sealed class SyncAgentShutdownTests : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly TestClock _clock = new();
    private ServiceProvider? _terminal;

    public async ValueTask DisposeAsync()
    {
        if (_terminal is not null)
        {
            await _terminal.DisposeAsync();
        }
    }

    private BackgroundService Agent(ISyncTransport transport, bool background)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddPosFleet(o => (o.TerminalId, o.Organization) = ("till-01", "ACME"))
            .AddSyncAgent(o =>
            {
                (o.Credential, o.ApplicationVersion, o.EnableBackground) = ("pft1.till-01.secret", "34.1", background);
                (o.RetryDelay, o.MaxRetryDelay, o.UseRetryJitter) = (TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10), false);
            });
        services.AddSingleton(transport);
        _terminal = services.BuildServiceProvider();
        return _terminal.GetServices<IHostedService>().OfType<BackgroundService>().Single(s => s is ISyncAgent);
    }

    [Fact]
    public async Task StopAsync_BackOfficeUnreachableMidBackOff_CompletesAtOnceAndTriesNoMore()
    {
        var transport = new UnreachableTransport();
        var agent = Agent(transport, background: true);
        await agent.StartAsync(default);
        await _clock.WaitForTimersAsync(1); // the first attempt failed; the one-minute back-off runs
        var calls = transport.Calls;

        await agent.StopAsync(default).WaitAsync(Bound);
        _clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(1, calls);
        Assert.Equal(1, transport.Calls);
        Assert.True(agent.ExecuteTask!.IsCompleted);
    }

    [Fact]
    public async Task StopAsync_HostsOwnSyncNowWaitingOnTheBackOffice_EndsItThoughItPassedNoToken()
    {
        var transport = new HangingTransport();
        var agent = Agent(transport, background: false);
        await agent.StartAsync(default);
        var sync = ((ISyncAgent)agent).SyncNowAsync(); // as a host's own loop calls it: no token
        await transport.Entered.Task.WaitAsync(Bound);

        await agent.StopAsync(default).WaitAsync(Bound);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sync.WaitAsync(Bound));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ((ISyncAgent)agent).SyncNowAsync().WaitAsync(Bound));
    }

    private sealed class UnreachableTransport : ISyncTransport
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<SyncResponse> ExchangeAsync(SyncRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromException<SyncResponse>(new HttpRequestException("connection refused"));
        }
    }

    /// <summary>A back office that never answers (a half-open connection); the transport observes its token, as HttpClient does.</summary>
    private sealed class HangingTransport : ISyncTransport
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<SyncResponse> ExchangeAsync(SyncRequest request, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
