using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PosFleet.Sync;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Configurations;
using PosFleet.Sync.Exchange;
using PosFleet.Tests;

namespace PosFleet.Core.Tests.Sync.Configurations;

/// <summary>The terminal's agent applies the configuration a response carries, syncs on its interval, and reports its version.</summary>
public sealed class SyncAgentConfigurationTests
{
    [Fact]
    public async Task ExecuteAsync_ResponseCarriesConfigurationWithInterval_NextSyncAfterThatIntervalReportingItsVersion()
    {
        var clock = new TestClock();
        var transport = new ConfiguringTransport(clock);
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddPosFleet(o => { o.TerminalId = "till-1"; o.Organization = "folder-1"; })
            .AddSyncAgent(o =>
            {
                o.Credential = "not-a-real-secret";
                o.ApplicationVersion = "34.0";
                o.Interval = TimeSpan.FromMinutes(1);
                o.IntervalJitter = TimeSpan.Zero;
            });
        services.AddSingleton<ISyncTransport>(transport);
        await using var provider = services.BuildServiceProvider();
        var agent = provider.GetServices<IHostedService>().Single(s => s is ISyncAgent);
        var start = clock.GetUtcNow();

        await agent.StartAsync(CancellationToken.None);
        await clock.WaitForTimersAsync(1);
        clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromTicks(1));
        await clock.AdvanceAndWaitAsync(TimeSpan.FromTicks(1));
        await agent.StopAsync(CancellationToken.None);

        Assert.Equal([start, start + TimeSpan.FromMinutes(15)], transport.Calls.Select(c => c.At));
        Assert.Equal([0L, 1L], transport.Calls.Select(c => c.ReportedVersion ?? -1));
        Assert.Equal("eu", provider.GetRequiredService<ITerminalConfigurationSource>().Current!.Settings["region"]);
    }

    private sealed class ConfiguringTransport(TimeProvider clock) : ISyncTransport
    {
        public List<(DateTimeOffset At, long? ReportedVersion)> Calls { get; } = [];

        public Task<SyncResponse> ExchangeAsync(SyncRequest request, CancellationToken cancellationToken)
        {
            lock (Calls)
            {
                Calls.Add((clock.GetUtcNow(), request.ConfigurationVersion));
            }

            return Task.FromResult(new SyncResponse
            {
                ServerTime = clock.GetUtcNow(),
                Configuration = request.ConfigurationVersion < 1
                    ? new TerminalConfiguration { Version = 1, SyncInterval = TimeSpan.FromMinutes(15), Settings = new Dictionary<string, string> { ["region"] = "eu" } }
                    : null,
            });
        }
    }
}
