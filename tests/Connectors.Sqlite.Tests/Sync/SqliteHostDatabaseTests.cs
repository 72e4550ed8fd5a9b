using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PosFleet.Connectors.Sqlite.Internal;
using PosFleet.Logs.Storage;
using PosFleet.Sync.Outbox;

namespace PosFleet.Connectors.Sqlite.Tests.Sync;

/// <summary>
/// PosFleet inside a till's existing database: the host's tables, rows and <c>user_version</c> untouched, and the
/// host's ticket and its outbox message in one transaction of the host's own connection.
/// </summary>
public sealed class SqliteHostDatabaseTests : IDisposable
{
    private const string HostSchema = """
        CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE tickets (number INTEGER PRIMARY KEY, total REAL NOT NULL, user_id INTEGER REFERENCES users (id));
        CREATE INDEX tickets_user ON tickets (user_id);
        CREATE VIEW ticket_totals AS SELECT user_id, sum(total) AS total FROM tickets GROUP BY user_id;
        INSERT INTO users VALUES (1, 'Ana'), (2, 'Bruno');
        INSERT INTO tickets VALUES (100, 12.5, 1), (101, 7.25, 2);
        PRAGMA user_version = 12;
        """;

    private readonly TempDirectory _dir = new();
    private readonly string _path;

    public SqliteHostDatabaseTests() => _path = Path.Combine(_dir.Path, "till.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task StartAsync_HostDatabaseWithItsOwnTables_AddsPosFleetBesideThemAndLeavesTheHostsRowsAndUserVersion()
    {
        SqliteFile.Execute(_path, HostSchema);
        var hostObjects = HostObjects();

        using (var host = Host())
        {
            await host.StartAsync();
            await host.StopAsync();
        }

        Assert.Equal((long)SqliteMigrations.Latest, SqliteFile.SchemaVersion(_path));
        Assert.Equal(12L, SqliteFile.Scalar(_path, "PRAGMA user_version;"));
        Assert.Equal(hostObjects, HostObjects());
        Assert.Equal("1 Ana|2 Bruno", SqliteFile.Scalar(_path, "SELECT group_concat(id || ' ' || name, '|') FROM (SELECT * FROM users ORDER BY id);"));
        Assert.Equal(19.75, SqliteFile.Scalar(_path, "SELECT sum(total) FROM ticket_totals;"));
        Assert.Equal(1L, SqliteFile.Scalar(_path, "SELECT count(*) FROM sqlite_schema WHERE name = 'sync_outbox';"));
    }

    [Fact]
    public async Task StartAsync_HostDatabaseOpenedAgain_DoesNotMigrateAgainAndKeepsTheOutbox()
    {
        SqliteFile.Execute(_path, HostSchema);
        using (var host = Host())
        {
            await host.StartAsync();
            await host.Services.GetRequiredService<IOutbox>().EnqueueAsync(Ticket(1), CancellationToken.None);
            await host.StopAsync();
        }

        SqliteConnection.ClearAllPools();
        using (var host = Host())
        {
            await host.StartAsync();
            Assert.Equal(1, await host.Services.GetRequiredService<IOutbox>().CountAsync(CancellationToken.None));
            await host.StopAsync();
        }

        Assert.Equal(12L, SqliteFile.Scalar(_path, "PRAGMA user_version;"));
    }

    [Fact]
    public async Task EnqueueAsync_TicketAndMessageInOneHostTransaction_CommitKeepsBothRollbackRemovesBoth()
    {
        SqliteFile.Execute(_path, HostSchema);
        using var host = Host();
        await host.StartAsync();
        var outbox = host.Services.GetRequiredService<IOutbox>();

        await using (var connection = new SqliteConnection($"Data Source={_path}"))
        {
            await connection.OpenAsync();
            using (var transaction = connection.BeginTransaction())
            {
                await InsertTicketAsync(connection, transaction, 102);
                await outbox.EnqueueAsync(connection, transaction, Ticket(102));
                transaction.Commit();
            }

            using (var transaction = connection.BeginTransaction())
            {
                await InsertTicketAsync(connection, transaction, 103);
                await outbox.EnqueueAsync(connection, transaction, Ticket(103));
                transaction.Rollback();
            }
        }

        Assert.Equal("100|101|102", SqliteFile.Scalar(_path, "SELECT group_concat(number, '|') FROM (SELECT number FROM tickets ORDER BY number);"));
        Assert.Equal([102], (await outbox.PeekAsync(10, 1 << 20, CancellationToken.None)).Select(m => m.Payload.GetProperty("ticket").GetInt32()));
        await host.StopAsync();
    }

    [Fact]
    public async Task StartAsync_HostTableNamedAsOneOfPosFleets_RefusedNamingItAndFileUnchanged()
    {
        SqliteFile.Execute(_path, HostSchema + "CREATE TABLE templates (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO templates VALUES (1, 'receipt');");
        var before = SqliteStorageFileTests.Hash(_path);
        using var host = Host();

        var ex = await Assert.ThrowsAsync<PosFleetStorageException>(() => host.StartAsync());

        Assert.Contains("already holds table 'templates'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(_path, ex.Message, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, SqliteStorageFileTests.Hash(_path));
    }

    [Fact]
    public async Task StartAsync_HostDatabaseWithNewerPosFleetSchema_RefusedSayingSoAndFileUnchanged()
    {
        SqliteFile.Execute(_path, HostSchema + "CREATE TABLE posfleet_schema (id INTEGER PRIMARY KEY, version INTEGER NOT NULL); INSERT INTO posfleet_schema VALUES (1, 99);");
        var before = SqliteStorageFileTests.Hash(_path);
        using var host = Host();

        var ex = await Assert.ThrowsAsync<PosFleetStorageException>(() => host.StartAsync());

        Assert.Contains("newer version of PosFleet (schema 99", ex.Message, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, SqliteStorageFileTests.Hash(_path));
    }

    private IHost Host()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddPosFleet(o => o.TerminalId = "till-01").UseSqliteStorageFile(_path);
        return builder.Build();
    }

    private string HostObjects() => (string)SqliteFile.Scalar(
        _path, "SELECT group_concat(type || ' ' || name || ': ' || coalesce(sql, ''), char(10)) FROM (SELECT * FROM sqlite_schema WHERE name IN ('users', 'tickets', 'tickets_user', 'ticket_totals') ORDER BY name);")!;

    private static OutboxMessage Ticket(int n)
    {
        using var payload = JsonDocument.Parse($$"""{"ticket":{{n}}}""");
        return OutboxMessage.Create("ticket", payload.RootElement, TimeProvider.System);
    }

    private static async Task InsertTicketAsync(SqliteConnection connection, SqliteTransaction transaction, int number)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO tickets (number, total, user_id) VALUES ($n, 3.5, 1);";
        insert.Parameters.AddWithValue("$n", number);
        await insert.ExecuteNonQueryAsync();
    }
}
