using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PosFleet.Logs.Ingest;
using PosFleet.Logs.Retention;
using PosFleet.Logs.Storage;

namespace PosFleet.Tests.Logs.Retention;

public sealed class LogRetentionServiceTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    // Each run ends by waiting on a timer for the next: the timers made say how many runs have finished.
    private readonly TestClock _time = new();
    private readonly FailingOnceLogStore _store = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task StartAsync_EntriesOlderThanThePeriod_DeletedAtStartAndTheOthersWhenTheyAgePastIt()
    {
        using var provider = Build(o => o.Period = TimeSpan.FromDays(30));
        await IngestAsync(provider, Start.AddDays(-40), Start.AddDays(-30).AddMinutes(30), Start.AddDays(-10));
        var service = await StartAsync(provider);

        await _time.WaitForTimersAsync(1);
        Assert.Equal([Start.AddDays(-30).AddMinutes(30), Start.AddDays(-10)], await StoredTimesAsync());

        _time.Advance(TimeSpan.FromMinutes(59)); // older than the period now, but the next run is not due
        Assert.Equal(1, _store.Deletes);
        Assert.Equal(2, (await StoredTimesAsync()).Length);

        _time.Advance(TimeSpan.FromMinutes(1));
        await _time.WaitForTimersAsync(2);
        Assert.Equal(2, _store.Deletes);
        Assert.Equal([Start.AddDays(-10)], await StoredTimesAsync());
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StartAsync_NoPeriod_KeepsEverything()
    {
        using var provider = Build(_ => { });
        await IngestAsync(provider, Start.AddYears(-5));
        var service = await StartAsync(provider);

        await service.ExecuteTask!;

        Assert.Single(await StoredTimesAsync());
        Assert.Equal(0, _store.Deletes);
    }

    [Fact]
    public async Task ExecuteAsync_StoreFails_LogsAndDeletesAtTheNextInterval()
    {
        using var provider = Build(o => (o.Period, o.Interval) = (TimeSpan.FromDays(1), TimeSpan.FromMinutes(5)));
        await IngestAsync(provider, Start.AddDays(-2));
        _store.FailNext = true;
        var service = await StartAsync(provider);

        await _time.WaitForTimersAsync(1);
        Assert.Equal(1, _store.Deletes);
        Assert.Single(await StoredTimesAsync());
        Assert.False(service.ExecuteTask!.IsCompleted);

        _time.Advance(TimeSpan.FromMinutes(5));
        await _time.WaitForTimersAsync(2);
        Assert.Equal(2, _store.Deletes);
        Assert.Empty(await StoredTimesAsync());
        await service.StopAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData(0, 60, "LogRetentionOptions.Period")]
    [InlineData(-1, 60, "LogRetentionOptions.Period")]
    [InlineData(30, 0, "LogRetentionOptions.Interval")]
    public void Options_OutOfRange_FailValidationNamingTheOption(int days, int minutes, string option)
    {
        using var provider = Build(o => (o.Period, o.Interval) = (TimeSpan.FromDays(days), TimeSpan.FromMinutes(minutes)));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LogRetentionOptions>>().Value);

        Assert.StartsWith(option + " is ", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void AddLogRetention_Twice_RegistersTheServiceOnce()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().AddLogRetention().AddLogRetention(o => o.Period = TimeSpan.FromDays(7));

        Assert.Single(services, d => d.ImplementationType == typeof(LogRetentionService));
    }

    private ServiceProvider Build(Action<LogRetentionOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<ILogStore>(_store);
        services.AddPosFleet().AddLogRetention(configure);
        return services.BuildServiceProvider();
    }

    private static async Task<LogRetentionService> StartAsync(ServiceProvider provider)
    {
        var service = provider.GetServices<IHostedService>().OfType<LogRetentionService>().Single();
        await service.StartAsync(CancellationToken.None);
        return service;
    }

    private async Task IngestAsync(ServiceProvider provider, params DateTimeOffset[] times)
    {
        var log = _dir.File("till.log", string.Concat(times.Select((t, i) =>
            string.Create(CultureInfo.InvariantCulture, $"{t.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fff}Z [ERROR] term=POS-0001 printer: paper out ref=T-{i}\n"))));
        await provider.GetRequiredService<ILogIngester>().IngestAsync([log]);
    }

    private async Task<DateTimeOffset[]> StoredTimesAsync() =>
        [.. (await _store.QueryAsync(new LogQuery { Limit = 100 }, CancellationToken.None)).Entries.Select(e => e.Timestamp).Order()];
}
