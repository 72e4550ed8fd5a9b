using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PosFleet.Sync;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Exchange;
using PosFleet.Sync.Outbox;

namespace PosFleet.Tests.Sync;

/// <summary>The terminal's agent on a fake clock: interval, exponential back-off, SyncNow, refusals.</summary>
public sealed class SyncAgentTests : IAsyncDisposable
{
    private readonly TestClock _clock = new();
    private readonly BackOffice _backOffice;
    private ServiceProvider? _terminal;

    public SyncAgentTests() => _backOffice = new BackOffice(_clock, o => o.MinimumApplicationVersion = "34");

    public async ValueTask DisposeAsync()
    {
        if (_terminal is not null)
        {
            await _terminal.DisposeAsync();
        }

        await _backOffice.DisposeAsync();
    }

    private async Task<ServiceProvider> TerminalAsync(ISyncTransport? transport = null, Action<SyncAgentOptions>? configure = null)
    {
        var enrolment = await _backOffice.Registry.EnrolAsync("till-01", "ACME");
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddFakeLogging();
        services.AddPosFleet(o => (o.TerminalId, o.Organization) = ("till-01", "ACME"))
            .AddSyncAgent(o =>
            {
                o.Credential = enrolment.Credential;
                o.ApplicationVersion = "34.1";
                o.IntervalJitter = TimeSpan.Zero;
                o.UseRetryJitter = false;
                configure?.Invoke(o);
            })
            .AddSyncInProcessTransport(_backOffice.Handler);
        if (transport is not null)
        {
            services.AddSingleton<ISyncTransport>(transport);
        }

        _terminal = services.BuildServiceProvider();
        return _terminal;
    }

    [Fact]
    public async Task SyncNowAsync_OutboxOverSeveralBatches_SendsEverythingInOrderAndEmptiesIt()
    {
        var terminal = await TerminalAsync(configure: o => o.MaxBatchMessages = 2);
        var outbox = terminal.GetRequiredService<IOutbox>();
        for (var n = 1; n <= 5; n++)
        {
            await outbox.EnqueueAsync(BackOffice.Ticket(n, _clock), default);
        }

        var outcome = await terminal.GetRequiredService<ISyncAgent>().SyncNowAsync();

        Assert.Equal(SyncOutcomeStatus.Succeeded, outcome.Status);
        Assert.Equal((3, 5, 5, 0L), (outcome.Exchanges, outcome.Sent, outcome.Acknowledged, outcome.Remaining));
        Assert.Equal([1, 2, 3, 4, 5], _backOffice.Tickets.Applied.Select(t => t.Ticket));
        Assert.Equal(outcome, terminal.GetRequiredService<ISyncAgent>().LastOutcome);
    }

    [Fact]
    public async Task SyncNowAsync_VersionRefused_ReportsAndLogsTheReasonAndKeepsTheOutbox()
    {
        var terminal = await TerminalAsync(configure: o => o.ApplicationVersion = "33.5");
        await terminal.GetRequiredService<IOutbox>().EnqueueAsync(BackOffice.Ticket(1, _clock), default);

        var outcome = await terminal.GetRequiredService<ISyncAgent>().SyncNowAsync();

        Assert.Equal(SyncOutcomeStatus.Refused, outcome.Status);
        Assert.Contains("version 34 and later", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(1L, await terminal.GetRequiredService<IOutbox>().CountAsync(default));
        var log = Assert.Single(terminal.GetFakeLogCollector().GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains("refused this terminal: Only terminals of version 34 and later are accepted; this one runs 33.5", log.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncNowAsync_RevokedCredential_UnauthorizedWithoutTheSecretInTheLogs()
    {
        var terminal = await TerminalAsync();
        await _backOffice.Registry.RevokeAsync("till-01");

        var outcome = await terminal.GetRequiredService<ISyncAgent>().SyncNowAsync();

        Assert.Equal(SyncOutcomeStatus.Unauthorized, outcome.Status);
        var credential = terminal.GetRequiredService<Microsoft.Extensions.Options.IOptions<SyncAgentOptions>>().Value.Credential!;
        Assert.DoesNotContain(terminal.GetFakeLogCollector().GetSnapshot(), r => r.Message.Contains(credential[^20..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Background_BackOfficeUnreachable_RetriesWithExponentialBackOffThenKeepsTheInterval()
    {
        var transport = new FlakyTransport();
        var terminal = await TerminalAsync(transport, o => (o.RetryDelay, o.MaxRetryDelay, o.Interval) = (TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(1)));
        var agent = terminal.GetRequiredService<IEnumerable<IHostedService>>().OfType<BackgroundService>().Single();
        await agent.StartAsync(default);
        await _clock.WaitForTimersAsync(1);
        var calls = new List<int> { transport.Calls };

        // Waits of 5, 10, 20 then 20 s (capped): each attempt happens when its delay is over, not before.
        foreach (var delay in new[] { 5, 10, 20, 20 })
        {
            _clock.Advance(TimeSpan.FromSeconds(delay) - TimeSpan.FromMilliseconds(1));
            calls.Add(transport.Calls);
            await _clock.AdvanceAndWaitAsync(TimeSpan.FromMilliseconds(1));
            calls.Add(transport.Calls);
        }

        transport.Up = true;
        await _clock.AdvanceAndWaitAsync(TimeSpan.FromSeconds(20));
        var succeeded = transport.Calls;
        _clock.Advance(TimeSpan.FromSeconds(59));
        var beforeInterval = transport.Calls;
        await _clock.AdvanceAndWaitAsync(TimeSpan.FromSeconds(1));

        Assert.Equal([1, 1, 2, 2, 3, 3, 4, 4, 5], calls);
        Assert.Equal(6, succeeded);
        Assert.Equal(6, beforeInterval);
        Assert.Equal(7, transport.Calls);
        Assert.Equal(SyncOutcomeStatus.Succeeded, terminal.GetRequiredService<ISyncAgent>().LastOutcome!.Status);
        await agent.StopAsync(default);
    }

    [Fact]
    public async Task SyncNowAsync_WhileUnreachable_ReportsUnreachableAndTheNextRequestCarriesTheError()
    {
        var transport = new FlakyTransport();
        var terminal = await TerminalAsync(transport);
        var agent = terminal.GetRequiredService<ISyncAgent>();

        var down = await agent.SyncNowAsync();
        transport.Up = true;
        var up = await agent.SyncNowAsync();

        Assert.Equal(SyncOutcomeStatus.Unreachable, down.Status);
        Assert.Contains("connection refused", down.Error, StringComparison.Ordinal);
        Assert.Equal(SyncOutcomeStatus.Succeeded, up.Status);
        Assert.Contains("connection refused", transport.LastRequest!.Heartbeat.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_WithoutCredentialOrTerminalId_FailAtStartNamingThem()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().AddSyncAgent(o => o.Interval = TimeSpan.Zero);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.ValidatePosFleetOptions());

        Assert.Contains("PosFleetOptions.TerminalId", error.Message, StringComparison.Ordinal);
        Assert.Contains("SyncAgentOptions.Credential", error.Message, StringComparison.Ordinal);
        Assert.Contains("SyncAgentOptions.Interval", error.Message, StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    /// <summary>A back office that cannot be reached until <see cref="Up"/>; then it acknowledges everything.</summary>
    private sealed class FlakyTransport : ISyncTransport
    {
        private int _calls;

        public bool Up { get; set; }

        public int Calls => Volatile.Read(ref _calls);

        public SyncRequest? LastRequest { get; private set; }

        public Task<SyncResponse> ExchangeAsync(SyncRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            LastRequest = request;
            return Up
                ? Task.FromResult(new SyncResponse { Acknowledged = [.. request.Outbox.Select(m => m.Id)] })
                : Task.FromException<SyncResponse>(new HttpRequestException("connection refused"));
        }
    }
}
