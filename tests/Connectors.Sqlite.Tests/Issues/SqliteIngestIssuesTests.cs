using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using PosFleet.Logs.Ingest;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Tests.Issues;

/// <summary>Ingest into a real SQLite store: regressions found in review.</summary>
public sealed class SqliteIngestIssuesTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ServiceProvider _provider;
    private readonly ObservedLogStore _store;
    private readonly ILogIngester _ingester;

    public SqliteIngestIssuesTests()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().UseSqliteStorageFile(Path.Combine(_dir.Path, "fleet.db"));
        _provider = services.BuildServiceProvider();
        _store = new ObservedLogStore(_provider.GetRequiredService<ILogStore>());
        _ingester = _provider.GetRequiredService<ILogIngester>();
    }

    public void Dispose()
    {
        _provider.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Follow_FileTruncatedToEmptyThenWritten_StoresEveryNewLine()
    {
        var log = _dir.File("till.log", Lines(1, 10));
        var clock = new TestClock();
        var options = new LogIngestOptions { Follow = true };
        using var stop = new CancellationTokenSource();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddPosFleet().UseSqliteStorageFile(Path.Combine(_dir.Path, "fleet.db"));
        services.Replace(ServiceDescriptor.Singleton<ILogStore>(_store)); // the same file, observed
        await using var followingProvider = services.BuildServiceProvider();
        var following = followingProvider.GetRequiredService<ILogIngester>().IngestAsync(new LogIngestRequest { Paths = [log], Options = options }, stop.Token);

        await clock.WaitForTimersAsync(1);
        await WaitForAsync(10);
        File.WriteAllText(log, string.Empty); // copytruncate
        clock.Advance(options.PollInterval);
        await clock.WaitForTimersAsync(2); // the follower has seen the file empty
        File.AppendAllText(log, Lines(41, 45));
        clock.Advance(options.PollInterval);
        await WaitForAsync(15);
        await stop.CancelAsync();
        var summary = await following;

        Assert.Equal(15, summary.LinesRead);
        Assert.Equal(15, summary.NewEntries);
    }

    [Fact]
    public async Task Ingest_RenamedAndRecreatedWithTheSameBytes_IdentityKeptInTheStoreTellsItApart()
    {
        var log = _dir.File("till.log", Lines(1, 3));
        await _ingester.IngestAsync(new LogIngestRequest { Paths = [log] });
        var first = await _store.GetCheckpointAsync(log, CancellationToken.None);
        File.AppendAllText(log, Lines(4, 4));
        var grown = await _ingester.IngestAsync(new LogIngestRequest { Paths = [log] });
        File.Move(log, log + ".1");
        File.WriteAllText(log, Lines(1, 4));

        var replaced = await _ingester.IngestAsync(new LogIngestRequest { Paths = [log] });

        Assert.False(string.IsNullOrEmpty(first!.Identity));
        Assert.Equal((1L, false), (grown.NewEntries, Assert.Single(grown.Sources).Restarted));
        Assert.Equal((4L, true), (replaced.NewEntries, Assert.Single(replaced.Sources).Restarted));
        Assert.NotEqual(first.Identity, (await _store.GetCheckpointAsync(log, CancellationToken.None))!.Identity);
    }

    private static string Lines(int first, int last) => string.Concat(Enumerable.Range(first, last - first + 1).Select(i =>
        $"2026-11-20T10:00:{i % 60:00}.000Z [INFO] term=POS-0001 org=ACME tickets: ticket closed ref=T-{i}\n"));

    private async Task WaitForAsync(int entries)
    {
        await _store.WaitUntilAsync(async () => await CountAsync() >= entries);

        Assert.Equal(entries, await CountAsync());
    }

    private async Task<long> CountAsync() => (await _store.CountAsync(new LogQuery(), CancellationToken.None)).Sum(b => b.Count);
}
