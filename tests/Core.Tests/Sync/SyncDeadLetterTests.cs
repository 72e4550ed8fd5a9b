using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using PosFleet.Sync;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Exchange;
using PosFleet.Sync.Outbox;

namespace PosFleet.Tests.Sync;

/// <summary>
/// A message no handler accepts: rejected for good (no handler, or the handler says it is invalid), kept as a dead
/// letter with its reason, acknowledged with the reason, kept by the terminal among its rejected messages — and the
/// messages after it flow. A failure that may pass is not a rejection.
/// </summary>
public sealed class SyncDeadLetterTests : IAsyncDisposable
{
    private readonly TestClock _clock = new();
    private readonly BackOffice _backOffice;
    private ServiceProvider? _terminal;

    public SyncDeadLetterTests() => _backOffice = new BackOffice(_clock);

    public async ValueTask DisposeAsync()
    {
        if (_terminal is not null)
        {
            await _terminal.DisposeAsync();
        }

        await _backOffice.DisposeAsync();
    }

    private SyncRequest Request(params OutboxMessage[] outbox) => new()
    {
        TerminalId = "till-01",
        Organization = "ACME",
        Heartbeat = new SyncHeartbeat { ApplicationVersion = "34.2" },
        Outbox = outbox,
    };

    private OutboxMessage[] Tickets(params int[] numbers) => [.. numbers.Select(n => BackOffice.Ticket(n, _clock))];

    [Fact]
    public async Task HandleAsync_MessageOfAnUnregisteredType_RejectedWithReasonDeadLetteredAndLaterMessagesApplied()
    {
        var till = await _backOffice.Registry.EnrolAsync("till-01", "ACME");
        var tickets = Tickets(1, 2, 3);
        tickets[1] = tickets[1] with { Type = "refund" };

        var result = await _backOffice.Handler.HandleAsync(till.Credential, Request(tickets), default);

        Assert.Equal([tickets[0].Id, tickets[2].Id], result.Response!.Acknowledged);
        var rejection = Assert.Single(result.Response.Rejected);
        Assert.Equal(tickets[1].Id, rejection.MessageId);
        Assert.Contains("'refund'", rejection.Reason, StringComparison.Ordinal);
        Assert.Contains("AddOutboxMessageHandler", rejection.Reason, StringComparison.Ordinal);
        Assert.Equal([1, 3], _backOffice.Tickets.Applied.Select(t => t.Ticket));
        var deadLetter = Assert.Single(await _backOffice.Inbox.ListDeadLettersAsync("till-01", 10, default));
        Assert.Equal((tickets[1].Id, "refund", "ACME", rejection.Reason, _clock.GetUtcNow()), (deadLetter.MessageId, deadLetter.Type, deadLetter.Organization, deadLetter.Reason, deadLetter.RejectedAt));
        Assert.Equal("""{"ticket":2}""", deadLetter.Payload);
        Assert.True(await _backOffice.Inbox.ContainsAsync("till-01", tickets[1].Id, default));
    }

    [Fact]
    public async Task HandleAsync_HandlerRejectsAMessageAsInvalid_DeadLetteredWithItsReasonAndTheRestApplied()
    {
        var till = await _backOffice.Registry.EnrolAsync("till-01", "ACME");
        _backOffice.Tickets.RejectOn = 2;
        var tickets = Tickets(1, 2, 3);

        var result = await _backOffice.Handler.HandleAsync(till.Credential, Request(tickets), default);

        Assert.Equal([tickets[0].Id, tickets[2].Id], result.Response!.Acknowledged);
        Assert.Equal([new OutboxRejection(tickets[1].Id, "ticket 2 has no lines")], result.Response.Rejected);
        Assert.Equal([1, 3], _backOffice.Tickets.Applied.Select(t => t.Ticket));
        Assert.Equal("ticket 2 has no lines", (await _backOffice.Inbox.FindDeadLetterAsync("till-01", tickets[1].Id, default))!.Reason);
        Assert.Equal(1, await _backOffice.Inbox.CountDeadLettersAsync("till-01", default));
        Assert.Equal(0, await _backOffice.Inbox.CountDeadLettersAsync("till-02", default));
    }

    [Fact]
    public async Task HandleAsync_RejectedMessageReplayed_SameAnswerOneDeadLetterAndNothingAppliedTwice()
    {
        var till = await _backOffice.Registry.EnrolAsync("till-01", "ACME");
        _backOffice.Tickets.RejectOn = 2;
        var request = Request(Tickets(1, 2, 3));

        var first = await _backOffice.Handler.HandleAsync(till.Credential, request, default);
        _backOffice.Tickets.RejectOn = null; // even a handler that would now accept it: the decision was recorded
        _clock.Advance(TimeSpan.FromMinutes(5));
        var replay = await _backOffice.Handler.HandleAsync(till.Credential, request, default);

        Assert.Equal(first.Response!.Acknowledged, replay.Response!.Acknowledged);
        Assert.Equal(first.Response.Rejected, replay.Response.Rejected);
        Assert.Equal([1, 3], _backOffice.Tickets.Applied.Select(t => t.Ticket));
        Assert.Equal(1, await _backOffice.Inbox.CountDeadLettersAsync("till-01", default));
    }

    [Fact]
    public async Task SyncNowAsync_BackOfficeRejectsAMessage_KeepsItAsRejectedLogsTheReasonAndSendsTheRest()
    {
        var terminal = await TerminalAsync();
        var outbox = terminal.GetRequiredService<IOutbox>();
        _backOffice.Tickets.RejectOn = 2;
        foreach (var ticket in Tickets(1, 2, 3, 4))
        {
            await outbox.EnqueueAsync(ticket, default);
        }

        var outcome = await terminal.GetRequiredService<ISyncAgent>().SyncNowAsync();

        Assert.Equal(SyncOutcomeStatus.Succeeded, outcome.Status);
        Assert.Equal((3, 1, 0L), (outcome.Acknowledged, outcome.Rejected, outcome.Remaining!.Value));
        Assert.Equal([1, 3, 4], _backOffice.Tickets.Applied.Select(t => t.Ticket));
        var kept = Assert.Single(await outbox.ListRejectedAsync(10, default));
        Assert.Equal((2, "ticket 2 has no lines", _clock.GetUtcNow()), (kept.Message.Payload.GetProperty("ticket").GetInt32(), kept.Reason, kept.RejectedAt));
        Assert.Equal(1, await outbox.CountRejectedAsync(default));
        Assert.Contains(terminal.GetFakeLogCollector().GetSnapshot(), r => r.Level == Microsoft.Extensions.Logging.LogLevel.Error
            && r.Message.Contains(kept.Message.Id.ToString(), StringComparison.Ordinal) && r.Message.Contains("ticket 2 has no lines", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SyncNowAsync_HandlerFailsTransiently_NothingRejectedAndTheMessageWaitsInOrder()
    {
        var terminal = await TerminalAsync();
        var outbox = terminal.GetRequiredService<IOutbox>();
        _backOffice.Tickets.FailOn = 2;
        foreach (var ticket in Tickets(1, 2, 3))
        {
            await outbox.EnqueueAsync(ticket, default);
        }

        var outcome = await terminal.GetRequiredService<ISyncAgent>().SyncNowAsync();
        var waiting = await outbox.PeekAsync(10, 1 << 20, default);
        _backOffice.Tickets.FailOn = null;
        var later = await terminal.GetRequiredService<ISyncAgent>().SyncNowAsync();

        Assert.Equal((1, 0), (outcome.Acknowledged, outcome.Rejected));
        Assert.Equal([2, 3], waiting.Select(m => m.Payload.GetProperty("ticket").GetInt32()));
        Assert.Equal(0, await outbox.CountRejectedAsync(default));
        Assert.Equal(0, await _backOffice.Inbox.CountDeadLettersAsync("till-01", default));
        Assert.Equal((2, 0L), (later.Acknowledged, later.Remaining!.Value));
        Assert.Equal([1, 2, 3], _backOffice.Tickets.Applied.Select(t => t.Ticket));
    }

    private async Task<ServiceProvider> TerminalAsync()
    {
        var enrolment = await _backOffice.Registry.EnrolAsync("till-01", "ACME");
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddFakeLogging();
        services.AddPosFleet(o => (o.TerminalId, o.Organization) = ("till-01", "ACME"))
            .AddSyncAgent(o => (o.Credential, o.ApplicationVersion, o.EnableBackground) = (enrolment.Credential, "34.1", false))
            .AddSyncInProcessTransport(_backOffice.Handler);
        _terminal = services.BuildServiceProvider();
        return _terminal;
    }
}
