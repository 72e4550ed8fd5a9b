using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosFleet.Connectors.Sqlite.Internal;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Tests;

/// <summary>Opening a file: migrations on a new one, and a clear refusal, with the file unchanged, for every file that cannot be used.</summary>
public sealed class SqliteStorageFileTests : IDisposable
{
    private readonly SqliteTestStores _stores = new();

    private TempDirectory Dir => _stores.Dir;

    public void Dispose() => _stores.Dispose();

    [Fact]
    public async Task Open_NewFile_AppliesEveryMigrationAndRecordsTheSchemaVersion()
    {
        var path = Path.Combine(Dir.Path, "fleet.db");

        await Store(path).AppendAsync(OneEntry(), CancellationToken.None);

        Assert.Equal((long)SqliteMigrations.Latest, SqliteFile.SchemaVersion(path));
        Assert.Equal("wal", SqliteFile.Scalar(path, "PRAGMA journal_mode;"));
        Assert.Equal(1L, SqliteFile.Scalar(path, "SELECT count(*) FROM entries;"));
        // Every migration file in the folder is embedded, each number once and in order (numbers given out ahead may be missing for a while).
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Migrations"), "*.sql").Select(f => int.Parse(Path.GetFileName(f).AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture)).Order();
        Assert.Equal(files, SqliteMigrations.All.Select(m => m.Version));
    }

    [Fact]
    public async Task Open_ExistingFile_KeepsDataAndDoesNotMigrateAgain()
    {
        var path = Path.Combine(Dir.Path, "fleet.db");
        await Store(path).AppendAsync(OneEntry(), CancellationToken.None);

        var page = await Store(path).QueryAsync(new LogQuery(), CancellationToken.None);

        Assert.Single(page.Entries);
    }

    [Fact]
    public async Task Open_FileAtSchema1_MigratesToLatestAndBackfillsTheRollups()
    {
        var path = Path.Combine(Dir.Path, "fleet.db");
        var hour = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero).UtcTicks;
        SqliteFile.Execute(path, SqliteMigrations.All[0].Sql + $"""

            PRAGMA user_version = 1;
            INSERT INTO sources (id, name, byte_offset, line, fingerprint, generation) VALUES (1, 'a.log', 300, 3, 7, 0);
            INSERT INTO templates (id, hash, text) VALUES (1, 11, 'printer <*> offline');
            INSERT INTO origins (id, terminal, organization, level) VALUES (1, 'POS-1', 'ACME', 'ERROR');
            INSERT INTO entries (id, ts, tz, source_id, generation, line, origin_id, kind, severity, template_id, message)
            VALUES (1, {hour}, 0, 1, 0, 1, 1, 3, 2, 1, 'printer 1 offline'),
                   (2, {hour + TimeSpan.TicksPerMinute}, 0, 1, 0, 2, 1, 3, 2, 1, 'printer 2 offline'),
                   (3, {hour + TimeSpan.TicksPerHour}, 0, 1, 0, 3, 1, 3, 2, 1, 'printer 3 offline');
            """);
        var store = Store(path);

        var counts = await store.CountAsync(new LogQuery(), CancellationToken.None);
        var groups = await store.GroupByTemplateAsync(new LogQuery { Severities = new HashSet<LogSeverity> { LogSeverity.Error } }, 5, CancellationToken.None);
        var terminals = await store.GroupByTerminalAsync(new LogQuery(), 5, CancellationToken.None);

        Assert.Equal((long)SqliteMigrations.Latest, SqliteFile.SchemaVersion(path));
        Assert.Equal([2L, 1L], counts.Select(c => c.Count));
        Assert.Equal(3, Assert.Single(groups).Count);
        Assert.Equal(["POS-1"], Assert.Single(groups).Terminals);
        Assert.Equal(3, Assert.Single(terminals).Count);
    }

    [Fact]
    public async Task Open_NewerSchema_RefusedSayingSoAndFileUnchanged()
    {
        var path = Path.Combine(Dir.Path, "fleet.db");
        SqliteFile.Execute(path, "CREATE TABLE posfleet_schema (id INTEGER PRIMARY KEY, version INTEGER NOT NULL); INSERT INTO posfleet_schema VALUES (1, 99);");
        var before = Hash(path);

        var ex = await Assert.ThrowsAsync<PosFleetStorageException>(async () => await Store(path).GetCheckpointAsync("a.log", CancellationToken.None));

        Assert.Contains("newer version", ex.Message, StringComparison.Ordinal);
        Assert.Contains("schema 99", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, Hash(path));
    }

    [Fact]
    public async Task Open_TextFileNamedFleetDb_RefusedAndFileUnchanged()
    {
        var path = Dir.File("fleet.db", "2026-11-20T10:15:02Z [ERROR] term=POS-1 this is a log, not a database\n");
        var before = Hash(path);

        var ex = await Assert.ThrowsAsync<PosFleetStorageException>(async () => await Store(path).AppendAsync(OneEntry(), CancellationToken.None));

        Assert.Contains("is not a SQLite database", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, Hash(path));
    }

    [Fact]
    public async Task Open_TruncatedDatabase_RefusedAsCorruptAndFileUnchanged()
    {
        var path = await DatabaseWithRowsAsync();
        using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(file.Length / 2);
        }

        var before = Hash(path);

        var ex = await Assert.ThrowsAsync<PosFleetStorageException>(async () => await Store(path).QueryAsync(new LogQuery(), CancellationToken.None));

        Assert.Contains("corrupt", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, Hash(path));
    }

    [Fact]
    public async Task Open_DamagedPagesWithDefaultOptions_RefusedByQuickCheckAndFileUnchanged()
    {
        var path = await DatabaseWithRowsAsync();
        using (var file = new FileStream(path, FileMode.Open))
        {
            // Scribble over pages after the first: the header still says SQLite.
            file.Position = 4096 * 2;
            file.Write(Enumerable.Repeat((byte)0x5A, 4096 * 3).ToArray());
        }

        var before = Hash(path);

        var ex = await Assert.ThrowsAsync<PosFleetStorageException>(async () => await Store(path).GetCheckpointAsync("a.log", CancellationToken.None));

        Assert.Contains("corrupt", ex.Message, StringComparison.Ordinal);
        Assert.Contains("quick_check", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Equal(before, Hash(path));
    }

    [Theory]
    [InlineData("checkpoint")]
    [InlineData("search")]
    public async Task Open_DamagedPagesWithoutCheckOnOpen_CallMeetingThemReportsCorruptAndFileUnchanged(string call)
    {
        var path = await DatabaseWithRowsAsync();
        using (var file = new FileStream(path, FileMode.Open))
        {
            // Every page after the first: the header and schema version still read, every table is damaged.
            file.Position = 4096;
            file.Write(Enumerable.Repeat((byte)0x5A, (int)file.Length - 4096).ToArray());
        }

        var before = Hash(path);
        var store = Store(path, checkOnOpen: false);

        var ex = await Assert.ThrowsAsync<PosFleetStorageException>(async () =>
        {
            if (call == "checkpoint")
            {
                await store.GetCheckpointAsync("a.log", CancellationToken.None);
            }
            else
            {
                await store.QueryAsync(new LogQuery { Text = "ticket" }, CancellationToken.None);
            }
        });

        Assert.Contains("corrupt", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, Hash(path));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Open_ReadOnlyDirectory_RefusedNamingTheFileAndNothingCreated()
    {
        var path = Path.Combine(ReadOnlyDirectory(), "fleet.db");

        var ex = await Assert.ThrowsAsync<PosFleetStorageException>(async () => await Store(path).AppendAsync(OneEntry(), CancellationToken.None));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("writable", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Options_NoConnectionString_FailNamingTheOption()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().UseSqliteStorage(_ => { });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SqliteStorageOptions>>().Value);

        Assert.Contains("SqliteStorageOptions.ConnectionString", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ZeroBusyTimeout_FailNamingTheOption()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().UseSqliteStorage(o =>
        {
            o.ConnectionString = "Data Source=fleet.db";
            o.BusyTimeout = TimeSpan.Zero;
        });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ILogStore>());

        Assert.Contains("SqliteStorageOptions.BusyTimeout", ex.Message, StringComparison.Ordinal);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    internal static string ReadOnlyDirectory() => TestFiles.ReadOnlyDirectory();

    private static LogBatch OneEntry() => new(
        [new LogEntry { Timestamp = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), Message = "started", Template = "started", Position = new LogPosition("a.log", 1) }],
        new IngestCheckpoint("a.log", 10, 1, 1));

    private async Task<string> DatabaseWithRowsAsync()
    {
        var path = Path.Combine(Dir.Path, "fleet.db");
        var store = Store(path);
        var entries = Enumerable.Range(1, 5000).Select(i => new LogEntry
        {
            Timestamp = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero).AddSeconds(i),
            Message = $"ticket {i} closed with a long enough message to fill some pages {i * 7}",
            Template = "ticket <*> closed with a long enough message to fill some pages <*>",
            Reference = $"T-{i}",
            Position = new LogPosition("a.log", i),
        }).ToList();
        await store.AppendAsync(new LogBatch(entries, new IngestCheckpoint("a.log", 1, 5000, 1)), CancellationToken.None);
        _stores.CloseStores();
        File.Delete(path + "-wal");
        File.Delete(path + "-shm");
        return path;
    }

    private ILogStore Store(string path, bool? checkOnOpen = null) => _stores.Store(path, checkOnOpen);

    internal static string Hash(string path) => TestFiles.Hash(path);
}
