using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Tests;

/// <summary>Retention on a real file: bounded chunks, the full-text index and the rollups kept with the entries.</summary>
public sealed class SqliteRetentionTests : IDisposable
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _dir = new();
    private readonly ServiceProvider _provider;
    private readonly ILogStore _store;
    private readonly string _path;

    public SqliteRetentionTests()
    {
        _path = Path.Combine(_dir.Path, "fleet.db");
        var services = new ServiceCollection();
        services.AddPosFleet().UseSqliteStorage(o =>
        {
            o.ConnectionString = $"Data Source={_path}";
            o.RetentionChunkSize = 3;
        });
        _provider = services.BuildServiceProvider();
        _store = _provider.GetRequiredService<ILogStore>();
    }

    public void Dispose()
    {
        _provider.Dispose();
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public async Task DeleteOlderThan_SeveralChunks_DeletesThemAndRecountsTheRollups(int old)
    {
        await AppendAsync(old, young: 2);

        var deleted = await _store.DeleteOlderThanAsync(Hour.AddMinutes(30), CancellationToken.None);
        var counts = await _store.CountAsync(new LogQuery(), CancellationToken.None);

        Assert.Equal(old, deleted);
        Assert.Equal(2L, SqliteFile.Scalar(_path, "SELECT count(*) FROM entries;"));
        Assert.Equal(2L, SqliteFile.Scalar(_path, "SELECT sum(n) FROM template_hours;"));
        Assert.Equal(2L, counts.Sum(c => c.Count));
        Assert.Equal(0L, SqliteFile.IndexedRows(_path, "old"));
        Assert.Equal(2L, SqliteFile.IndexedRows(_path, "young"));
    }

    [Fact]
    public async Task DeleteOlderThan_FinalRecountFails_ThatChunkIsNotDeletedAndCountsStayExact()
    {
        await AppendAsync(old: 5, young: 2);
        // Stands for a crash while the last chunk recounts its hour's rollups.
        SqliteFile.Execute(_path, "CREATE TRIGGER crash BEFORE INSERT ON template_hours BEGIN SELECT RAISE(ABORT, 'crash'); END;");

        await Assert.ThrowsAsync<PosFleetStorageException>(async () => await _store.DeleteOlderThanAsync(Hour.AddMinutes(30), CancellationToken.None));

        // The first chunk (3) went and was counted out; the last (2) stayed, with its rows in the counts.
        Assert.Equal(4L, SqliteFile.Scalar(_path, "SELECT count(*) FROM entries;"));
        Assert.Equal(4L, SqliteFile.Scalar(_path, "SELECT sum(n) FROM template_hours;"));
        SqliteFile.Execute(_path, "DROP TRIGGER crash;");
        Assert.Equal(2, await _store.DeleteOlderThanAsync(Hour.AddMinutes(30), CancellationToken.None));
        Assert.Equal(2L, SqliteFile.Scalar(_path, "SELECT sum(n) FROM template_hours;"));
        Assert.Equal(Hour.AddMinutes(36).UtcTicks, SqliteFile.Scalar(_path, "SELECT min(first_ts) FROM template_hours;"));
    }

    [Fact]
    public async Task DeleteOlderThan_ChunksOverSeveralHours_DropsTheEmptiedHoursAndKeepsTheRestExact()
    {
        var entries = Enumerable.Range(0, 10).Select(i => new LogEntry
        {
            Timestamp = Hour.AddMinutes(25 * i), // 10:00 … 13:45, two or three an hour
            Message = $"ticket {i} closed",
            Template = "ticket <*> closed",
            Severity = i % 2 == 0 ? LogSeverity.Error : LogSeverity.Success,
            Terminal = $"POS-{i % 3}",
            Position = new LogPosition("b.log", i + 1),
        }).ToList();
        await _store.AppendAsync(new LogBatch(entries, new IngestCheckpoint("b.log", 100, 10, 1)), CancellationToken.None);

        var deleted = await _store.DeleteOlderThanAsync(Hour.AddHours(2).AddMinutes(10), CancellationToken.None); // up to 12:10

        Assert.Equal(6, deleted); // 10:00 10:25 10:50 11:15 11:40 12:05
        Assert.Equal(0L, SqliteFile.Scalar(_path, $"SELECT count(*) FROM template_hours WHERE hour < {Hour.AddHours(2).UtcTicks / TimeSpan.TicksPerHour};"));
        Assert.Equal(0L, SqliteFile.Scalar(_path, $"SELECT count(*) FROM template_terminals WHERE hour < {Hour.AddHours(2).UtcTicks / TimeSpan.TicksPerHour};"));
        Assert.Equal(4L, SqliteFile.Scalar(_path, "SELECT sum(n) FROM template_hours;"));
        Assert.Equal(4L, SqliteFile.Scalar(_path, "SELECT sum(n) FROM terminal_hours;"));
        Assert.Equal(Hour.AddMinutes(150).UtcTicks, SqliteFile.Scalar(_path, "SELECT min(first_ts) FROM template_hours;"));
        Assert.Equal(
            SqliteFile.Scalar(_path, "SELECT count(*) FROM (SELECT DISTINCT e.template_id, e.ts / 36000000000, o.terminal, e.severity, e.kind FROM entries e JOIN origins o ON o.id = e.origin_id WHERE e.severity > 0);"),
            SqliteFile.Scalar(_path, "SELECT count(*) FROM template_terminals;"));
    }

    [Fact]
    public async Task DeleteOlderThan_StoppedAfterTheFirstChunk_RollupsCountTheEntriesLeft()
    {
        await AppendAsync(old: 5, young: 2);
        // Stands for a crash (or a cancel) in the second chunk: the first chunk (3 entries, chunk size 3) is committed.
        SqliteFile.Execute(_path, $"CREATE TRIGGER crash BEFORE DELETE ON entries WHEN old.ts > {Hour.AddMinutes(3).UtcTicks} BEGIN SELECT RAISE(ABORT, 'crash'); END;");

        await Assert.ThrowsAsync<PosFleetStorageException>(async () => await _store.DeleteOlderThanAsync(Hour.AddMinutes(30), CancellationToken.None));
        var counts = await _store.CountAsync(new LogQuery { From = Hour, To = Hour.AddHours(1) }, CancellationToken.None);

        Assert.Equal(4L, SqliteFile.Scalar(_path, "SELECT count(*) FROM entries;"));
        Assert.Equal(4L, SqliteFile.Scalar(_path, "SELECT sum(n) FROM template_hours;"));
        Assert.Equal(4L, SqliteFile.Scalar(_path, "SELECT sum(n) FROM terminal_hours;"));
        Assert.Equal(4L, counts.Sum(c => c.Count));
    }

    private async Task AppendAsync(int old, int young)
    {
        var entries = Enumerable.Range(1, old + young).Select(i => new LogEntry
        {
            Timestamp = Hour.AddMinutes(i <= old ? i : 30 + i), // the young ones in the same hour: its rollups are recounted
            Message = i <= old ? $"old ticket {i} closed" : $"young ticket {i} closed",
            Template = i <= old ? "old ticket <*> closed" : "young ticket <*> closed",
            Terminal = "POS-1",
            Position = new LogPosition("a.log", i),
        }).ToList();
        await _store.AppendAsync(new LogBatch(entries, new IngestCheckpoint("a.log", 100, old + young, 1)), CancellationToken.None);
    }
}
