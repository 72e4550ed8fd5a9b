using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Connectors.Sqlite;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Cli.Tests.Store;

/// <summary>An ingest (a real posfleet process) and a loop of searches and dashboard queries (this process) on one file.</summary>
public sealed class ConcurrencyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Queries_WhileAnotherProcessIngests_EveryQueryAnsweredNoBusyError()
    {
        var log = Path.Combine(_dir.Path, "fleet.log");
        var db = Path.Combine(_dir.Path, "fleet.db");
        var (code, _, error) = await PosFleetProcess.RunAsync("generate", "-o", log, "--size", "12MB");
        Assert.True(code == 0, error);

        // The store exists before the ingest starts, so that the queries run from the first moment.
        var seed = Path.Combine(_dir.Path, "seed.log");
        File.WriteAllText(seed, "2026-11-19T23:00:00.000Z [ERROR] term=POS-0001 org=ACME printer: printer not responding ref=T-1\n");
        (code, _, error) = await PosFleetProcess.RunAsync("ingest", seed, "--store", db);
        Assert.True(code == 0, error);

        var services = new ServiceCollection();
        services.AddPosFleet().UseSqliteStorage(o =>
        {
            o.ConnectionString = $"Data Source={db}";
            o.CheckOnOpen = false;
        });
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<ILogStore>();
        var end = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

        using var ingest = PosFleetProcess.Start("ingest", log, "--store", db, "--batch-size", "2000");
        var clock = Stopwatch.StartNew();
        var answered = 0;
        long lastCount = 0;
        while (!ingest.HasExited || clock.Elapsed < TimeSpan.FromSeconds(3))
        {
            var page = await store.QueryAsync(new LogQuery { Text = "printer", Limit = 20 }, CancellationToken.None);
            Assert.NotEmpty(page.Entries);
            await store.QueryAsync(new LogQuery { Reference = "T-1", Limit = 20 }, CancellationToken.None);
            var counts = await store.CountAsync(new LogQuery { From = end.AddHours(-48), To = end }, CancellationToken.None);
            var total = counts.Sum(c => c.Count);
            Assert.True(total >= lastCount, "a count went backwards");
            lastCount = total;
            await store.GroupByTemplateAsync(new LogQuery { From = end.AddHours(-2), To = end, Severities = new HashSet<LogSeverity> { LogSeverity.Error } }, 5, CancellationToken.None);
            await store.GroupByTerminalAsync(new LogQuery { From = end.AddHours(-2), To = end }, 5, CancellationToken.None);
            answered += 5;
        }

        var (_, ingestOutput, ingestError) = await ingest.WaitForExitAsync();
        Assert.True(ingest.ExitCode == 0, ingestError);
        Assert.DoesNotContain("busy", ingestError, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("new entries stored", ingestOutput, StringComparison.Ordinal);
        Assert.True(answered >= 10, $"only {answered} queries answered in {clock.Elapsed}");
        var final = (await store.CountAsync(new LogQuery { From = end.AddHours(-48), To = end }, CancellationToken.None)).Sum(c => c.Count);
        Assert.True(final > lastCount || final == lastCount);
        Assert.True(final > 50_000, $"only {final} entries after the ingest");
    }
}
