using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PosFleet.Sync;
using PosFleet.Sync.Outbox;

namespace PosFleet.Connectors.PostgreSql.Tests.Sync;

/// <summary>The transactional outbox on PostgreSQL: a host's row and its message commit or roll back together, in the host's own transaction.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlOutboxTransactionTests(PostgreSqlServer server) : IDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    [Fact]
    public async Task EnqueueAsync_InHostTransactionCommitted_RowAndMessageBothThere()
    {
        var (outbox, connectionString) = await CreateAsync();
        await using var connection = await OpenHostConnectionAsync(connectionString);
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await InsertTicketAsync(connection, transaction, 1);
            var stored = await outbox.EnqueueAsync(connection, transaction, Ticket(1));
            await transaction.CommitAsync();
            Assert.True(stored.Sequence > 0);
        }

        Assert.Equal(1L, await PostgreSqlChangeHosts.ScalarAsync(connectionString, "SELECT count(*) FROM tickets"));
        Assert.Equal([1], (await outbox.PeekAsync(10, 1 << 20, default)).Select(m => m.Payload.GetProperty("ticket").GetInt32()));
    }

    [Fact]
    public async Task EnqueueAsync_InHostTransactionRolledBack_NeitherRowNorMessage()
    {
        var (outbox, connectionString) = await CreateAsync();
        await using var connection = await OpenHostConnectionAsync(connectionString);
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await InsertTicketAsync(connection, transaction, 1);
            await outbox.EnqueueAsync(connection, transaction, Ticket(1));
            await transaction.RollbackAsync();
        }

        // The enqueue lock went with the transaction: the outbox's own enqueue goes on, and is the only message.
        await outbox.EnqueueAsync(Ticket(2), default);

        Assert.Equal(0L, await PostgreSqlChangeHosts.ScalarAsync(connectionString, "SELECT count(*) FROM tickets"));
        Assert.Equal([2], (await outbox.PeekAsync(10, 1 << 20, default)).Select(m => m.Payload.GetProperty("ticket").GetInt32()));
    }

    [Fact]
    public async Task EnqueueAsync_ConnectionToAnotherDatabase_RefusedNamingBoth()
    {
        var (outbox, connectionString) = await CreateAsync();
        var otherConnectionString = await server.CreateDatabaseAsync();
        await using var connection = new NpgsqlConnection(otherConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await outbox.EnqueueAsync(connection, transaction, Ticket(1)));

        Assert.Contains(connection.Database, error.Message, StringComparison.Ordinal);
        Assert.Contains(new NpgsqlConnectionStringBuilder(connectionString).Database!, error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await outbox.CountAsync(default));
    }

    [Fact]
    public async Task EnqueueAsync_ConnectionStringNamingNoDatabase_RefusedWithTheServersAnswerAndNoPassword()
    {
        var (outbox, connectionString) = await CreateAsync();
        var noDatabase = new NpgsqlConnectionStringBuilder(connectionString) { Database = null };
        // Without a database in its string, a connection goes to the one named after its user: the test makes sure it exists.
        if (await PostgreSqlChangeHosts.ScalarAsync(connectionString, "SELECT 1 FROM pg_database WHERE datname = current_user") is null)
        {
            await PostgreSqlChangeHosts.ExecuteAsync(connectionString, $"CREATE DATABASE \"{noDatabase.Username}\"");
        }

        await using var connection = new NpgsqlConnection(noDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await outbox.EnqueueAsync(connection, transaction, Ticket(1)));

        Assert.Contains($"'{connection.Database}' on {connection.Host}:{connection.Port}", error.Message, StringComparison.Ordinal);
        Assert.Contains(new NpgsqlConnectionStringBuilder(connectionString).Database!, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(noDatabase.Password!, error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await outbox.CountAsync(default));
    }

    [Fact]
    public async Task EnqueueAsync_OnTheInMemoryOutbox_SaysToUsePostgreSqlStorage()
    {
        var services = new ServiceCollection();
        services.AddPosFleet(o => o.TerminalId = "till-01").AddSyncAgent(o => o.Credential = "unused");
        await using var provider = services.BuildServiceProvider();
        var (_, connectionString) = await CreateAsync();
        await using var connection = await OpenHostConnectionAsync(connectionString);
        await using var transaction = await connection.BeginTransactionAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await provider.GetRequiredService<IOutbox>().EnqueueAsync(connection, transaction, Ticket(1)));

        Assert.Contains("UsePostgreSqlStorage", error.Message, StringComparison.Ordinal);
    }

    private static OutboxMessage Ticket(int n)
    {
        using var payload = JsonDocument.Parse($$"""{"ticket":{{n}}}""");
        return OutboxMessage.Create("ticket", payload.RootElement, TimeProvider.System);
    }

    private static async Task<NpgsqlConnection> OpenHostConnectionAsync(string connectionString)
    {
        await PostgreSqlChangeHosts.ExecuteAsync(connectionString, "CREATE TABLE IF NOT EXISTS tickets (number integer NOT NULL)");
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task InsertTicketAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int n)
    {
        await using var insert = new NpgsqlCommand("INSERT INTO tickets (number) VALUES (@n)", connection, transaction);
        insert.Parameters.AddWithValue("n", n);
        await insert.ExecuteNonQueryAsync();
    }

    private async Task<(IOutbox Outbox, string ConnectionString)> CreateAsync()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var services = new ServiceCollection();
        services.AddPosFleet(o => o.TerminalId = "till-01").AddSyncAgent(o => o.Credential = "unused").UsePostgreSqlStorage(connectionString);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return (provider.GetRequiredService<IOutbox>(), connectionString);
    }
}
