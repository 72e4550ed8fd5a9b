using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PosFleet.Diagnostics;
using PosFleet.Sync;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Exchange;
using PosFleet.Tests.Sync;

namespace PosFleet.Tests.Diagnostics;

/// <summary>The sync agent's health check as a host maps it: AddHealthChecks().AddPosFleetSyncAgent(), on a fake clock.</summary>
public sealed class SyncAgentHealthCheckTests : IAsyncDisposable
{
    private readonly TestClock _clock = new();
    private readonly BackOffice _backOffice;
    private readonly SwitchTransport _transport;
    private ServiceProvider? _terminal;

    public SyncAgentHealthCheckTests()
    {
        _backOffice = new BackOffice(_clock);
        _transport = new SwitchTransport();
    }

    public async ValueTask DisposeAsync()
    {
        if (_terminal is not null)
        {
            await _terminal.DisposeAsync();
        }

        await _backOffice.DisposeAsync();
    }

    private async Task<ServiceProvider> TerminalAsync(Action<SyncAgentHealthCheckOptions>? health = null)
    {
        var enrolment = await _backOffice.Registry.EnrolAsync("till-01", "ACME");
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddLogging();
        services.AddPosFleet(o => (o.TerminalId, o.Organization) = ("till-01", "ACME"))
            .AddSyncAgent(o =>
            {
                o.Credential = enrolment.Credential;
                o.EnableBackground = false;
                o.Interval = TimeSpan.FromMinutes(1);
                o.MaxRetryDelay = TimeSpan.FromMinutes(5);
            });
        services.AddSingleton<ISyncTransport>(sp =>
        {
            _transport.Inner = new InProcessSyncTransport(_backOffice.Handler, sp.GetRequiredService<IOptions<SyncAgentOptions>>());
            return _transport;
        });
        services.AddHealthChecks().AddPosFleetSyncAgent(tags: ["ready"], configure: health);
        _terminal = services.BuildServiceProvider();
        return _terminal;
    }

    private static async Task<HealthReportEntry> CheckAsync(IServiceProvider terminal)
    {
        var report = await terminal.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries["posfleet-sync-agent"];
    }

    [Fact]
    public async Task CheckHealthAsync_NoExchangeYet_IsDegradedWithinTheGracePeriodThenUnhealthy()
    {
        var terminal = await TerminalAsync(o => o.GracePeriod = TimeSpan.FromMinutes(2));

        var starting = await CheckAsync(terminal);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var atGrace = await CheckAsync(terminal);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var pastGrace = await CheckAsync(terminal);

        Assert.Equal(HealthStatus.Degraded, starting.Status);
        Assert.Contains("no exchange yet", starting.Description, StringComparison.Ordinal);
        Assert.Contains("ready", starting.Tags);
        Assert.Equal(HealthStatus.Degraded, atGrace.Status);
        Assert.Equal(HealthStatus.Unhealthy, pastGrace.Status);
        Assert.Contains("no exchange yet", pastGrace.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckHealthAsync_FirstExchangesFailWithinTheGracePeriod_IsDegradedSayingWhy()
    {
        var terminal = await TerminalAsync();
        var agent = terminal.GetRequiredService<ISyncAgent>();
        await CheckAsync(terminal);
        _transport.Down = true;

        await agent.SyncNowAsync();

        var entry = await CheckAsync(terminal);
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Contains("no exchange has succeeded yet; the last ended Unreachable", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckHealthAsync_AfterASuccessfulExchange_IsHealthyUntilIntervalTimesFactorHasPassed()
    {
        var terminal = await TerminalAsync(o => o.IntervalFactor = 4);
        await terminal.GetRequiredService<ISyncAgent>().SyncNowAsync();

        var fresh = await CheckAsync(terminal);
        _clock.Advance(TimeSpan.FromMinutes(4));
        var atLimit = await CheckAsync(terminal);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var stale = await CheckAsync(terminal);

        Assert.Equal(HealthStatus.Healthy, fresh.Status);
        Assert.Equal("Succeeded", fresh.Data["status"]);
        Assert.Equal(HealthStatus.Healthy, atLimit.Status);
        Assert.Equal(HealthStatus.Unhealthy, stale.Status);
        Assert.Contains("more than 4 sync intervals", stale.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckHealthAsync_LastExchangeFailedAfterASuccess_IsUnhealthyAndHealthyAgainAfterTheNextSuccess()
    {
        var terminal = await TerminalAsync();
        var agent = terminal.GetRequiredService<ISyncAgent>();
        await agent.SyncNowAsync();
        _transport.Down = true;
        _clock.Advance(TimeSpan.FromMinutes(1));
        await agent.SyncNowAsync();

        var failed = await CheckAsync(terminal);
        _transport.Down = false;
        await agent.SyncNowAsync();
        var recovered = await CheckAsync(terminal);

        Assert.Equal(HealthStatus.Unhealthy, failed.Status);
        Assert.Contains("The last exchange failed (Unreachable)", failed.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, recovered.Status);
    }

    [Fact]
    public async Task CheckHealthAsync_CredentialRevoked_IsUnhealthyAtOnceAndSaysWhy()
    {
        var terminal = await TerminalAsync();
        var agent = terminal.GetRequiredService<ISyncAgent>();
        await agent.SyncNowAsync();
        await _backOffice.Registry.RevokeAsync("till-01");

        await agent.SyncNowAsync();

        var entry = await CheckAsync(terminal);
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("refuses the terminal (Unauthorized)", entry.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("pft1.", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPosFleetSyncAgent_ZeroGracePeriod_FailsNamingTheOption()
    {
        var terminal = await TerminalAsync(o => o.GracePeriod = TimeSpan.Zero);

        var error = Assert.Throws<OptionsValidationException>(() => terminal.GetRequiredService<IOptionsMonitor<SyncAgentHealthCheckOptions>>().Get("posfleet-sync-agent"));

        Assert.Contains("SyncAgentHealthCheckOptions.GracePeriod", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPosFleetSyncAgent_WithoutAnAgent_FailsNamingTheMissingRegistration()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHealthChecks().AddPosFleetSyncAgent();
        await using var provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => provider.GetRequiredService<HealthCheckService>().CheckHealthAsync());

        Assert.Contains("call AddSyncAgent", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The in-process transport to the back office, or a network that refuses the connection.</summary>
    private sealed class SwitchTransport : ISyncTransport
    {
        public InProcessSyncTransport? Inner { get; set; }

        public bool Down { get; set; }

        public Task<SyncResponse> ExchangeAsync(SyncRequest request, CancellationToken cancellationToken) =>
            Down ? Task.FromException<SyncResponse>(new HttpRequestException("connection refused")) : Inner!.ExchangeAsync(request, cancellationToken);
    }
}
