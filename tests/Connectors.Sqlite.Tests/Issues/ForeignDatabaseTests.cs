using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Tests.Issues;

/// <summary>Another application's SQLite file whose objects take PosFleet's names is refused, and left as it was.</summary>
public sealed class ForeignDatabaseTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Open_AnotherApplicationsTablesUnderPosFleetsNames_RefusedNamingThemFileUnchanged()
    {
        var db = Path.Combine(_dir.Path, "other.db");
        using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            connection.Open();
            using var sql = connection.CreateCommand();
            sql.CommandText = "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE sources (id INTEGER PRIMARY KEY); CREATE INDEX entries_time ON customers (name); INSERT INTO customers VALUES (1, 'x');";
            sql.ExecuteNonQuery();
        }

        var before = SqliteStorageFileTests.Hash(db);
        var services = new ServiceCollection();
        services.AddPosFleet().UseSqliteStorage($"Data Source={db}");
        var ex = default(PosFleetStorageException);
        using (var provider = services.BuildServiceProvider())
        {
            var store = provider.GetRequiredService<ILogStore>();
            ex = await Assert.ThrowsAsync<PosFleetStorageException>(async () => await store.CountAsync(new LogQuery(), CancellationToken.None));
        }

        SqliteConnection.ClearAllPools();
        Assert.Contains("already holds table 'sources', index 'entries_time'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(db, ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, SqliteStorageFileTests.Hash(db));
    }

    [Fact]
    public async Task Query_SqliteErrorNotExplained_ReachesTheCallerAsPosFleetStorageException()
    {
        var db = Path.Combine(_dir.Path, "fleet.db");
        var services = new ServiceCollection();
        services.AddPosFleet().UseSqliteStorage($"Data Source={db}");
        using (var provider = services.BuildServiceProvider())
        {
            await provider.GetRequiredService<ILogStore>().CountAsync(new LogQuery(), CancellationToken.None);
        }

        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            connection.Open();
            using var sql = connection.CreateCommand();
            sql.CommandText = "DROP TABLE IF EXISTS template_hours; DROP TABLE IF EXISTS terminal_hours; DROP TABLE IF EXISTS template_terminals;";
            sql.ExecuteNonQuery();
        }

        using (var provider = services.BuildServiceProvider())
        {
            var store = provider.GetRequiredService<ILogStore>();
            var ex = await Assert.ThrowsAsync<PosFleetStorageException>(async () => await store.CountAsync(new LogQuery(), CancellationToken.None));
            Assert.Contains(db, ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', ex.Message);
        }

        SqliteConnection.ClearAllPools();
    }
}
