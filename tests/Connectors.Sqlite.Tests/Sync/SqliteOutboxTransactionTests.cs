using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Sync;
using PosFleet.Sync.Outbox;

namespace PosFleet.Connectors.Sqlite.Tests.Sync;

/// <summary>The transactional outbox: a host's row and its message commit or roll back together, in the host's own transaction.</summary>
public sealed class SqliteOutboxTransactionTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ServiceProvider _provider;
    private readonly string _path;

    public SqliteOutboxTransactionTests()
    {
        _path = Path.Combine(_dir.Path, "till.db");
        var services = new ServiceCollection();
        services.AddPosFleet(o => o.TerminalId = "till-01").AddSyncAgent(o => o.Credential = "unused").UseSqliteStorageFile(_path);
        _provider = services.BuildServiceProvider();
    }

    private IOutbox Outbox => _provider.GetRequiredService<IOutbox>();

    public void Dispose()
    {
        _provider.Dispose();
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private static OutboxMessage Ticket(int n)
    {
        using var payload = JsonDocument.Parse($$"""{"ticket":{{n}}}""");
        return OutboxMessage.Create("ticket", payload.RootElement, TimeProvider.System);
    }

    private async Task<SqliteConnection> OpenHostConnectionAsync()
    {
        await Outbox.CountAsync(default); // the store has created its tables
        var connection = new SqliteConnection($"Data Source={_path}");
        await connection.OpenAsync();
        using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE IF NOT EXISTS tickets (number INTEGER NOT NULL);";
        await create.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task InsertTicketAsync(SqliteConnection connection, SqliteTransaction transaction, int n)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO tickets (number) VALUES ($n);";
        insert.Parameters.AddWithValue("$n", n);
        await insert.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task EnqueueAsync_InHostTransactionCommitted_RowAndMessageBothThere()
    {
        await using var connection = await OpenHostConnectionAsync();
        using (var transaction = connection.BeginTransaction())
        {
            await InsertTicketAsync(connection, transaction, 1);
            await Outbox.EnqueueAsync(connection, transaction, Ticket(1));
            transaction.Commit();
        }

        Assert.Equal(1L, SqliteFile.Scalar(_path, "SELECT count(*) FROM tickets;"));
        Assert.Equal([1], (await Outbox.PeekAsync(10, 1 << 20, default)).Select(m => m.Payload.GetProperty("ticket").GetInt32()));
    }

    [Fact]
    public async Task EnqueueAsync_InHostTransactionRolledBack_NeitherRowNorMessage()
    {
        await using var connection = await OpenHostConnectionAsync();
        using (var transaction = connection.BeginTransaction())
        {
            await InsertTicketAsync(connection, transaction, 1);
            await Outbox.EnqueueAsync(connection, transaction, Ticket(1));
            transaction.Rollback();
        }

        Assert.Equal(0L, SqliteFile.Scalar(_path, "SELECT count(*) FROM tickets;"));
        Assert.Equal(0L, await Outbox.CountAsync(default));
    }

    [Fact]
    public async Task EnqueueAsync_ConnectionToAnotherFile_IsRefusedNamingBothFiles()
    {
        await Outbox.CountAsync(default);
        var other = Path.Combine(_dir.Path, "other.db");
        await using var connection = new SqliteConnection($"Data Source={other}");
        await connection.OpenAsync();
        using var transaction = connection.BeginTransaction();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await Outbox.EnqueueAsync(connection, transaction, Ticket(1)));

        Assert.Contains("other.db", error.Message, StringComparison.Ordinal);
        Assert.Contains("till.db", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnqueueAsync_OnTheInMemoryOutbox_SaysToUseSqliteStorage()
    {
        var services = new ServiceCollection();
        services.AddPosFleet(o => o.TerminalId = "till-01").AddSyncAgent(o => o.Credential = "unused");
        await using var provider = services.BuildServiceProvider();
        await using var connection = await OpenHostConnectionAsync();
        using var transaction = connection.BeginTransaction();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await provider.GetRequiredService<IOutbox>().EnqueueAsync(connection, transaction, Ticket(1)));

        Assert.Contains("UseSqliteStorage", error.Message, StringComparison.Ordinal);
    }
}
