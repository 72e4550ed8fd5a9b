using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PosFleet.Sync.Changes;
using PosFleet.Tests;

namespace PosFleet.Core.Tests.Sync.Changes;

/// <summary>The hosted tombstone retention pass: at start-up and every interval on the back office's clock, never on a terminal.</summary>
public sealed class SyncChangeRetentionServiceTests
{
    private readonly TestClock _clock = new();

    [Fact]
    public async Task RetentionPass_BackOffice_PurgesAtStartAndEveryIntervalWithTheRetentionCutOff()
    {
        var retention = new RecordingRetention();
        await using var provider = Provider(retention, terminalId: null);
        var service = provider.GetServices<IHostedService>().OfType<SyncChangeRetentionService>().Single();
        var start = _clock.GetUtcNow();

        await service.StartAsync(CancellationToken.None);
        await _clock.WaitForTimersAsync(1);
        await _clock.AdvanceAndWaitAsync(TimeSpan.FromHours(6));
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(
            [(start, start - TimeSpan.FromDays(45)), (start.AddHours(6), start.AddHours(6) - TimeSpan.FromDays(45))],
            retention.Passes);
    }

    [Fact]
    public async Task RetentionPass_Terminal_NeverPurges()
    {
        var retention = new RecordingRetention();
        await using var provider = Provider(retention, terminalId: "till-01");
        var service = provider.GetServices<IHostedService>().OfType<SyncChangeRetentionService>().Single();

        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!;

        Assert.Empty(retention.Passes);
    }

    private ServiceProvider Provider(RecordingRetention retention, string? terminalId)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<IChangeRetention>(retention);
        services.AddPosFleet(o => { o.TerminalId = terminalId; o.Organization = terminalId is null ? null : "folder-1"; })
            .AddSyncTables(o => (o.TombstoneRetention, o.RetentionInterval) = (TimeSpan.FromDays(45), TimeSpan.FromHours(6)));
        return services.BuildServiceProvider();
    }

    private sealed class RecordingRetention : IChangeRetention
    {
        public List<(DateTimeOffset Now, DateTimeOffset OlderThan)> Passes { get; } = [];

        public ValueTask<long> PurgeAsync(DateTimeOffset now, DateTimeOffset olderThan, CancellationToken cancellationToken)
        {
            lock (Passes)
            {
                Passes.Add((now, olderThan));
            }

            return ValueTask.FromResult(0L);
        }
    }
}
