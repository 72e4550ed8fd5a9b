using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PosFleet.Logs.Ingest;
using PosFleet.Logs.Retention;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Tests;

/// <summary>Retention configured on the host, against a real SQLite file.</summary>
public sealed class SqliteLogRetentionTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task AddLogRetention_SqliteStore_DeletesOnlyTheEntriesOlderThanThePeriod()
    {
        var time = new FakeTimeProvider(Start);
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(time);
        services.AddPosFleet()
            .UseSqliteStorage(o => o.ConnectionString = $"Data Source={Path.Combine(_dir.Path, "fleet.db")}")
            .AddLogRetention(o => o.Period = TimeSpan.FromDays(30));
        using var provider = services.BuildServiceProvider();
        var log = _dir.File("till.log", string.Concat(Enumerable.Range(0, 60).Select(day =>
            string.Create(CultureInfo.InvariantCulture, $"{Start.AddDays(-day).AddMinutes(-1).UtcDateTime:yyyy-MM-ddTHH:mm:ss.fff}Z [ERROR] term=POS-0001 printer: paper out ref=T-{day}\n"))));
        await provider.GetRequiredService<ILogIngester>().IngestAsync(new LogIngestRequest { Paths = [log] });
        var store = provider.GetRequiredService<ILogStore>();
        var service = provider.GetServices<IHostedService>().Single(s => s is BackgroundService);

        await service.StartAsync(CancellationToken.None);
        await WaitForAsync(async () => await CountAsync(store) == 30);
        time.Advance(TimeSpan.FromDays(10)); // ten more days age past the period, and the hourly run is due
        // The service may set its next timer just after the count was seen: nudging the clock a minute at a time
        // reaches it without aging another day's entry (the next one is 23 h 59 min away from the limit).
        await WaitForAsync(async () =>
        {
            if (await CountAsync(store) == 20)
            {
                return true;
            }

            time.Advance(TimeSpan.FromMinutes(1));
            return false;
        });
        await service.StopAsync(CancellationToken.None);

        var page = await store.QueryAsync(new LogQuery { Limit = 100 }, CancellationToken.None);
        Assert.All(page.Entries, e => Assert.True(e.Timestamp >= time.GetUtcNow().AddDays(-30)));
    }

    private static async Task<long> CountAsync(ILogStore store) =>
        (await store.QueryAsync(new LogQuery { Limit = 1000 }, CancellationToken.None)).Entries.Count;

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "retention did not delete the expected entries within 30 seconds");
            await Task.Delay(10);
        }
    }
}
