using Microsoft.Data.Sqlite;
using PosFleet.Connectors.Sqlite.Internal;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Tests;

/// <summary>Files written by older versions: migrated on open, with every query still answering as before.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private readonly SqliteTestStores _stores = new();

    public void Dispose() => _stores.Dispose();

    [Fact]
    public async Task Open_FileAtSchema3_MigratesTo4AndSearchFindsTheSameEntries()
    {
        var path = AtSchema3();
        var before = Search(path, "printer");

        var page = await Store(path).QueryAsync(new LogQuery { Text = "printer" }, CancellationToken.None);

        Assert.Equal((long)SqliteMigrations.Latest, SqliteFile.SchemaVersion(path));
        Assert.Equal([2L, 1L], before);
        Assert.Equal(before, Search(path, "printer"));
        Assert.Equal(["printer 2 offline after 3 tries", "printer 1 offline after 5 tries"], page.Entries.Select(e => e.Message));
        Assert.Equal(1L, SqliteFile.IndexedRows(path, "tries 3"));
        Assert.Equal(1L, SqliteFile.IndexedRows(path, "started"));
        Assert.Equal(0L, SqliteFile.Scalar(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'entries_text_docsize';"));
    }

    [Fact]
    public async Task DeleteOlderThan_MigratedFile_RemovesTheDeletedEntriesFromTheIndex()
    {
        var path = AtSchema3();
        var store = Store(path);

        var deleted = await store.DeleteOlderThanAsync(Hour.AddMinutes(30), CancellationToken.None);

        Assert.Equal(2, deleted);
        Assert.Equal(0L, SqliteFile.IndexedRows(path, "5"));
        Assert.Equal(0L, SqliteFile.IndexedRows(path, "started"));
        Assert.Equal([2L], Search(path, "printer"));
        Assert.Equal(1L, SqliteFile.IndexedRows(path, "printer"));
    }

    [Fact]
    public async Task Open_FileAtSchema3WithDamagedPages_RefusedAsCorruptAndNotMigrated()
    {
        var path = AtSchema3(rows: 3000);
        using (var file = new FileStream(path, FileMode.Open))
        {
            file.Position = 4096 * 3;
            file.Write(Enumerable.Repeat((byte)0x5A, 4096 * 2).ToArray());
        }

        var before = SqliteStorageFileTests.Hash(path);

        var ex = await Assert.ThrowsAsync<PosFleetStorageException>(async () => await Store(path).GetCheckpointAsync("a.log", CancellationToken.None));

        Assert.Contains("corrupt", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, SqliteStorageFileTests.Hash(path));
    }

    [Fact]
    public async Task CountAsync_FileAtSchema12_IndexesEntriesByOriginAndCountsOneOrganization()
    {
        var path = Path.Combine(_stores.Dir.Path, "fleet.db");
        var h = Hour.UtcTicks;
        SqliteFile.CreateAtSchema(path, 12, $"""
            INSERT INTO sources (id, name, byte_offset, line, fingerprint, generation) VALUES (1, 'a.log', 300, 3, 7, 0);
            INSERT INTO templates (id, hash, text) VALUES (1, 11, 'printer offline');
            INSERT INTO origins (id, terminal, organization, level) VALUES (1, 'POS-1', 'ACME', 'ERROR'), (2, 'POS-2', 'BETA', 'ERROR');
            INSERT INTO entries (id, ts, tz, source_id, generation, line, origin_id, kind, severity, template_id, params)
            VALUES (1, {h}, 0, 1, 0, 1, 1, 3, 2, 1, ''), (2, {h + 1}, 0, 1, 0, 2, 2, 3, 2, 1, ''), (3, {h + 2}, 0, 1, 0, 3, 2, 3, 2, 1, '');
            """);

        var buckets = await Store(path).CountAsync(new LogQuery { From = Hour, To = Hour.AddHours(1), Organization = "BETA" }, CancellationToken.None);

        Assert.Equal((long)SqliteMigrations.Latest, SqliteFile.SchemaVersion(path));
        Assert.Equal("CREATE INDEX entries_origin ON entries (origin_id, ts)", SqliteFile.Scalar(path, "SELECT sql FROM sqlite_schema WHERE name = 'entries_origin';"));
        Assert.Equal([new LogCountBucket(Hour, LogSeverity.Error, LogKind.Offline, 2)], buckets);
    }

    [Fact]
    public async Task CountAsync_FileBeforeOrganizationRollups_RollsUpItsEntriesPerOrganization()
    {
        var path = Path.Combine(_stores.Dir.Path, "fleet.db");
        var before = SqliteMigrations.All.Single(m => m.Sql.Contains("CREATE TABLE organization_hours", StringComparison.Ordinal)).Version - 1;
        var h = Hour.UtcTicks;
        SqliteFile.CreateAtSchema(path, before, $"""
            INSERT INTO sources (id, name, byte_offset, line, fingerprint, generation) VALUES (1, 'a.log', 400, 4, 7, 0);
            INSERT INTO templates (id, hash, text) VALUES (1, 11, 'printer offline');
            INSERT INTO origins (id, terminal, organization, level) VALUES (1, 'POS-1', 'ACME', 'ERROR'), (2, 'POS-2', 'BETA', 'ERROR'), (3, 'POS-3', NULL, 'ERROR');
            INSERT INTO entries (id, ts, tz, source_id, generation, line, origin_id, kind, severity, template_id, params)
            VALUES (1, {h}, 0, 1, 0, 1, 1, 3, 2, 1, ''), (2, {h + 1}, 0, 1, 0, 2, 2, 3, 2, 1, ''),
                   (3, {h + TimeSpan.TicksPerHour}, 0, 1, 0, 3, 2, 3, 2, 1, ''), (4, {h + 2}, 0, 1, 0, 4, 3, 3, 2, 1, '');
            """);

        var buckets = await Store(path).CountAsync(new LogQuery { From = Hour, To = Hour.AddHours(2), Organization = "BETA" }, CancellationToken.None);

        Assert.Equal((long)SqliteMigrations.Latest, SqliteFile.SchemaVersion(path));
        Assert.Equal("ACME 1 1, BETA 1 1, BETA 2 1", SqliteFile.Scalar(path, $"""
            SELECT group_concat(organization || ' ' || (hour - {h / TimeSpan.TicksPerHour} + 1) || ' ' || n, ', ')
            FROM (SELECT * FROM organization_hours ORDER BY organization, hour);
            """));
        Assert.Equal([new LogCountBucket(Hour, LogSeverity.Error, LogKind.Offline, 1), new LogCountBucket(Hour.AddHours(1), LogSeverity.Error, LogKind.Offline, 1)], buckets);
    }

    /// <summary>
    /// Entries 1 (message stored whole) and 3 (template and params) at 10:00 and 10:05, entry 2 at 11:00; as the
    /// store of schema 3 wrote them, each with its row in the full-text index; and <paramref name="rows"/> more after.
    /// </summary>
    private string AtSchema3(int rows = 0)
    {
        var path = Path.Combine(_stores.Dir.Path, "fleet.db");
        var h = Hour.UtcTicks;
        var more = string.Concat(Enumerable.Range(10, rows).Select(i => $"""
            INSERT INTO entries (id, ts, tz, source_id, generation, line, origin_id, kind, severity, template_id, params)
            VALUES ({i}, {h + (2 * TimeSpan.TicksPerHour)}, 0, 1, 0, {i}, 1, 0, 0, 3, '{i}');
            INSERT INTO entries_text (rowid, message) VALUES ({i}, 'ticket {i} closed');

            """));
        SqliteFile.CreateAtSchema(path, 3, $"""
            INSERT INTO sources (id, name, byte_offset, line, fingerprint, generation) VALUES (1, 'a.log', 300, 3, 7, 0);
            INSERT INTO templates (id, hash, text) VALUES (1, 11, 'printer <*> offline after <*> tries'), (2, 12, 'started'), (3, 13, 'ticket <*> closed');
            INSERT INTO origins (id, terminal, organization, level) VALUES (1, 'POS-1', 'ACME', 'ERROR');
            INSERT INTO entries (id, ts, tz, source_id, generation, line, origin_id, kind, severity, template_id, message, params)
            VALUES (1, {h}, 0, 1, 0, 1, 1, 3, 2, 1, 'printer 1 offline after 5 tries', NULL),
                   (2, {h + TimeSpan.TicksPerHour}, 0, 1, 0, 2, 1, 3, 2, 1, NULL, '2{'\u001F'}3'),
                   (3, {h + (5 * TimeSpan.TicksPerMinute)}, 0, 1, 0, 3, 1, 0, 0, 2, NULL, '');
            INSERT INTO entries_text (rowid, message) VALUES (1, 'printer 1 offline after 5 tries'), (2, 'printer 2 offline after 3 tries'), (3, 'started');
            {more}
            """);
        return path;
    }

    private static List<long> Search(string path, string words)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT e.id FROM entries_text m JOIN entries e ON e.id = m.rowid WHERE entries_text MATCH $words ORDER BY e.ts DESC;";
        command.Parameters.AddWithValue("$words", words);
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    private ILogStore Store(string path) => _stores.Store(path);
}
