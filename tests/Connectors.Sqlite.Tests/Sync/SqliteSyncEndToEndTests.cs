using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Sync;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Exchange;
using PosFleet.Sync.Inbox;
using PosFleet.Sync.Outbox;

namespace PosFleet.Connectors.Sqlite.Tests.Sync;

/// <summary>
/// A till and its back office, each on its own SQLite file, over the in-process transport: the till writes each ticket
/// and its outbox message in one transaction; the back office inserts the ticket in the inbox transaction. The
/// connection is cut at random, before the request reaches the back office or after it committed (the response lost):
/// every ticket lands exactly once.
/// </summary>
public sealed class SqliteSyncEndToEndTests : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ServiceProvider _backOffice;
    private readonly CuttingLine _line;
    private ServiceProvider? _till;

    public SqliteSyncEndToEndTests()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddPosFleet().AddSyncBackOffice().AddOutboxMessageHandler<TicketInserter>("ticket").UseSqliteStorageFile(BackOfficePath);
        _backOffice = services.BuildServiceProvider();
        _line = new CuttingLine(_backOffice.GetRequiredService<ISyncExchangeHandler>(), new Random(20261130));
    }

    private string BackOfficePath => Path.Combine(_dir.Path, "backoffice.db");

    private string TillPath => Path.Combine(_dir.Path, "till.db");

    public async ValueTask DisposeAsync()
    {
        if (_till is not null)
        {
            await _till.DisposeAsync();
        }

        await _backOffice.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task SyncNowAsync_ConnectionCutBeforeAndAfterTheBackOfficeCommits_EveryTicketLandsExactlyOnce()
    {
        const int Tickets = 60;
        await PrepareBackOfficeAsync();
        var enrolment = await _backOffice.GetRequiredService<ITerminalRegistry>().EnrolAsync("till-07", "ACME");
        var services = new ServiceCollection().AddLogging();
        services.AddPosFleet(o => (o.TerminalId, o.Organization) = ("till-07", "ACME"))
            .AddSyncAgent(o => (o.Credential, o.MaxBatchMessages, o.ApplicationVersion) = (enrolment.Credential, 4, "34.0"))
            .AddSyncInProcessTransport(_line)
            .UseSqliteStorageFile(TillPath);
        _till = services.BuildServiceProvider();
        var outbox = _till.GetRequiredService<IOutbox>();
        var agent = _till.GetRequiredService<ISyncAgent>();
        await outbox.CountAsync(default);
        await using var till = new SqliteConnection($"Data Source={TillPath}");
        await till.OpenAsync();
        Execute(till, "CREATE TABLE tickets (number INTEGER PRIMARY KEY, total TEXT NOT NULL);");

        // Sales and syncs interleaved: three tickets, then a sync on a line that may be cut.
        var outcomes = new List<SyncOutcome>();
        for (var n = 1; n <= Tickets; n++)
        {
            await SellAsync(till, outbox, n);
            if (n % 3 == 0)
            {
                outcomes.Add(await agent.SyncNowAsync());
            }
        }

        for (var i = 0; i < 200 && await outbox.CountAsync(default) > 0; i++)
        {
            outcomes.Add(await agent.SyncNowAsync());
        }

        var landed = ReadBackOfficeTickets();
        Assert.Equal(0L, await outbox.CountAsync(default));
        Assert.Equal(Enumerable.Range(1, Tickets).Select(n => (long)n), landed.Select(t => t.Number).Order());
        Assert.Equal(Tickets, landed.Count);
        Assert.All(landed, t => Assert.Equal(("till-07", "ACME", (t.Number * 1.5m).ToString("0.00", CultureInfo.InvariantCulture)), (t.Terminal, t.Organization, t.Total)));
        Assert.True(_line.CutBefore > 0 && _line.CutAfter > 0, $"cut before {_line.CutBefore}, after {_line.CutAfter} times: the test did not exercise both cuts");
        Assert.Contains(outcomes, o => o.Status == SyncOutcomeStatus.Unreachable);
        Assert.Equal(Tickets, (long)SqliteFile.Scalar(BackOfficePath, "SELECT count(*) FROM sync_inbox WHERE terminal = 'till-07';")!);
    }

    private static async Task SellAsync(SqliteConnection till, IOutbox outbox, int n)
    {
        using var transaction = till.BeginTransaction();
        var total = (n * 1.5m).ToString("0.00", CultureInfo.InvariantCulture);
        using (var insert = till.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO tickets (number, total) VALUES ($n, $total);";
            insert.Parameters.AddWithValue("$n", n);
            insert.Parameters.AddWithValue("$total", total);
            await insert.ExecuteNonQueryAsync();
        }

        using var payload = System.Text.Json.JsonDocument.Parse($$"""{"number":{{n}},"total":"{{total}}"}""");
        await outbox.EnqueueAsync(till, transaction, OutboxMessage.Create("ticket", payload.RootElement, TimeProvider.System));
        transaction.Commit();
    }

    private async Task PrepareBackOfficeAsync()
    {
        await _backOffice.GetRequiredService<ISyncInboxStore>().PurgeAsync(DateTimeOffset.MinValue, default); // the store has created its tables
        SqliteFile.Execute(BackOfficePath, "CREATE TABLE tickets (terminal TEXT NOT NULL, organization TEXT NOT NULL, number INTEGER NOT NULL, total TEXT NOT NULL);");
    }

    private List<(string Terminal, string Organization, long Number, string Total)> ReadBackOfficeTickets()
    {
        using var connection = new SqliteConnection($"Data Source={BackOfficePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT terminal, organization, number, total FROM tickets;";
        using var reader = command.ExecuteReader();
        var tickets = new List<(string, string, long, string)>();
        while (reader.Read())
        {
            tickets.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3)));
        }

        return tickets;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The back office's ticket handler: inserts the ticket in the inbox transaction (no unique key, so a second effect would show).</summary>
    private sealed class TicketInserter : IOutboxMessageHandler
    {
        public async ValueTask HandleAsync(OutboxMessageContext context, OutboxMessage message, CancellationToken cancellationToken)
        {
            var connection = (SqliteConnection)context.Connection!;
            using var insert = connection.CreateCommand();
            insert.Transaction = (SqliteTransaction)context.Transaction!;
            insert.CommandText = "INSERT INTO tickets (terminal, organization, number, total) VALUES ($terminal, $organization, $number, $total);";
            insert.Parameters.AddWithValue("$terminal", context.TerminalId);
            insert.Parameters.AddWithValue("$organization", context.Organization);
            insert.Parameters.AddWithValue("$number", message.Payload.GetProperty("number").GetInt32());
            insert.Parameters.AddWithValue("$total", message.Payload.GetProperty("total").GetString());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The line between till and back office: a third of the exchanges are cut before the back office, a third after it committed.</summary>
    private sealed class CuttingLine(ISyncExchangeHandler backOffice, Random random) : ISyncExchangeHandler
    {
        public int CutBefore { get; private set; }

        public int CutAfter { get; private set; }

        public async ValueTask<SyncExchangeResult> HandleAsync(string? credential, SyncRequest request, CancellationToken cancellationToken)
        {
            var cut = random.Next(3);
            if (cut == 0 && request.Outbox.Count > 0)
            {
                CutBefore++;
                throw new IOException("the line was cut before the request reached the back office");
            }

            var result = await backOffice.HandleAsync(credential, request, cancellationToken);
            if (cut == 1 && request.Outbox.Count > 0)
            {
                CutAfter++;
                throw new IOException("the line was cut after the back office committed; the response is lost");
            }

            return result;
        }
    }
}
