using System.Text.Json;
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
/// Messages no handler accepts, with both sides on SQLite files: the handler's own write is rolled back, the dead
/// letter and the inbox record commit together, the till moves the message to its rejected ones, and the tickets
/// after it land exactly once — also when the response to the exchange that rejected it is lost and it is replayed.
/// </summary>
public sealed class SqliteDeadLetterTests : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ServiceProvider _backOffice;
    private ServiceProvider? _till;

    public SqliteDeadLetterTests()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().AddSyncBackOffice().AddOutboxMessageHandler<TicketInserter>("ticket").UseSqliteStorageFile(BackOfficePath);
        _backOffice = services.BuildServiceProvider();
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
    public async Task SyncNowAsync_InvalidAndUnknownMessagesWithTheResponseLost_DeadLetteredOnceAndTheRestLandOnce()
    {
        await _backOffice.GetRequiredService<ISyncInboxStore>().PurgeAsync(DateTimeOffset.MinValue, default);
        SqliteFile.Execute(BackOfficePath, "CREATE TABLE tickets (terminal TEXT NOT NULL, number INTEGER NOT NULL, total REAL NOT NULL);");
        var enrolment = await _backOffice.GetRequiredService<ITerminalRegistry>().EnrolAsync("till-07", "ACME");
        var line = new LoseFirstResponse(_backOffice.GetRequiredService<ISyncExchangeHandler>());
        var services = new ServiceCollection();
        services.AddPosFleet(o => (o.TerminalId, o.Organization) = ("till-07", "ACME"))
            .AddSyncAgent(o => (o.Credential, o.ApplicationVersion, o.EnableBackground) = (enrolment.Credential, "34.0", false))
            .AddSyncInProcessTransport(line)
            .UseSqliteStorageFile(TillPath);
        _till = services.BuildServiceProvider();
        var outbox = _till.GetRequiredService<IOutbox>();
        var agent = _till.GetRequiredService<ISyncAgent>();
        var messages = new[] { Ticket("ticket", 1, 10), Ticket("ticket", 2, -5), Ticket("refund", 3, 7), Ticket("ticket", 4, 20) };
        foreach (var message in messages)
        {
            await outbox.EnqueueAsync(message, default);
        }

        var lost = await agent.SyncNowAsync();
        var replayed = await agent.SyncNowAsync();

        Assert.Equal(SyncOutcomeStatus.Unreachable, lost.Status);
        Assert.Equal((SyncOutcomeStatus.Succeeded, 2, 2, 0L), (replayed.Status, replayed.Acknowledged, replayed.Rejected, replayed.Remaining!.Value));
        Assert.Equal([(1L, 10.0), (4L, 20.0)], Tickets());
        Assert.Equal(4L, SqliteFile.Scalar(BackOfficePath, "SELECT count(*) FROM sync_inbox WHERE terminal = 'till-07';"));
        var letters = await _backOffice.GetRequiredService<ISyncInboxStore>().ListDeadLettersAsync("till-07", 10, default);
        Assert.Equal(
            [(messages[2].Id, "refund", "No handler is registered on the back office for outbox messages of type 'refund' (AddOutboxMessageHandler)."), (messages[1].Id, "ticket", "a ticket's total cannot be negative (-5)")],
            letters.Select(l => (l.MessageId, l.Type, l.Reason)).OrderBy(l => l.Type));
        Assert.Equal(2L, SqliteFile.Scalar(BackOfficePath, "SELECT count(*) FROM sync_dead_letters;"));
        var kept = await outbox.ListRejectedAsync(10, default);
        Assert.Equal(new[] { messages[1].Id, messages[2].Id }.Order(), kept.Select(k => k.Message.Id).Order());
        Assert.Equal(letters.Select(l => l.Reason).Order(), kept.Select(k => k.Reason).Order());
        Assert.Equal(0L, await outbox.CountAsync(default));
    }

    private static OutboxMessage Ticket(string type, int number, double total)
    {
        using var payload = JsonDocument.Parse($$"""{"number":{{number}},"total":{{total}}}""");
        return OutboxMessage.Create(type, payload.RootElement, TimeProvider.System);
    }

    private List<(long Number, double Total)> Tickets()
    {
        using var connection = new SqliteConnection($"Data Source={BackOfficePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT number, total FROM tickets ORDER BY number;";
        using var reader = command.ExecuteReader();
        var tickets = new List<(long, double)>();
        while (reader.Read())
        {
            tickets.Add((reader.GetInt64(0), reader.GetDouble(1)));
        }

        return tickets;
    }

    /// <summary>Inserts the ticket, then rejects it if its total is negative: the insert must not survive the rejection.</summary>
    private sealed class TicketInserter : IOutboxMessageHandler
    {
        public async ValueTask HandleAsync(OutboxMessageContext context, OutboxMessage message, CancellationToken cancellationToken)
        {
            using var insert = ((SqliteConnection)context.Connection!).CreateCommand();
            insert.Transaction = (SqliteTransaction)context.Transaction!;
            insert.CommandText = "INSERT INTO tickets (terminal, number, total) VALUES ($terminal, $number, $total);";
            insert.Parameters.AddWithValue("$terminal", context.TerminalId);
            insert.Parameters.AddWithValue("$number", message.Payload.GetProperty("number").GetInt32());
            insert.Parameters.AddWithValue("$total", message.Payload.GetProperty("total").GetDouble());
            await insert.ExecuteNonQueryAsync(cancellationToken);
            if (message.Payload.GetProperty("total").GetDouble() < 0)
            {
                throw new OutboxMessageRejectedException($"a ticket's total cannot be negative ({message.Payload.GetProperty("total").GetDouble()})");
            }
        }
    }

    /// <summary>The first exchange reaches the back office, which commits; its response is lost on the way back.</summary>
    private sealed class LoseFirstResponse(ISyncExchangeHandler backOffice) : ISyncExchangeHandler
    {
        private int _calls;

        public async ValueTask<SyncExchangeResult> HandleAsync(string? credential, SyncRequest request, CancellationToken cancellationToken)
        {
            var result = await backOffice.HandleAsync(credential, request, cancellationToken);
            return ++_calls == 1 ? throw new IOException("the line was cut after the back office committed; the response is lost") : result;
        }
    }
}
