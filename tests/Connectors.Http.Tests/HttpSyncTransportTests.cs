using Microsoft.Extensions.DependencyInjection;
using PosFleet.Connectors.Sqlite;
using PosFleet.Sync.Agent;
using PosFleet.Tests;

namespace PosFleet.Connectors.Http.Tests;

/// <summary>A terminal's agent over the HTTP transport against the real endpoint on Kestrel (loopback, a free port).</summary>
public sealed class HttpSyncTransportTests : IAsyncLifetime
{
    private SyncBackOfficeServer _server = null!;

    public async Task InitializeAsync() => _server = await SyncBackOfficeServer.StartAsync(backOffice: o => o.MinimumApplicationVersion = "34");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SyncNowAsync_OutboxBatch_IsDeliveredAcknowledgedAndDeleted()
    {
        var enrolment = await _server.EnrolAsync("till-01");
        await using var till = TestTerminal.Create(_server.SyncUri, "till-01", enrolment.Credential);
        var sold = await till.SellAsync(5);

        var outcome = await till.Agent.SyncNowAsync();

        Assert.Equal(SyncOutcomeStatus.Succeeded, outcome.Status);
        Assert.Equal(5, outcome.Acknowledged);
        Assert.Equal(0, await till.Outbox.CountAsync(CancellationToken.None));
        Assert.All(sold, id => Assert.Equal(1, _server.Tickets.Applied[id]));
        Assert.All(sold, id => Assert.Equal("till-01", _server.Tickets.TerminalOf(id)));
    }

    [Fact]
    public async Task SyncNowAsync_SqliteOnBothSides_DeliversEachTicketOnce()
    {
        using var files = new TempDirectory();
        await using var server = await SyncBackOfficeServer.StartAsync(storage: f => f.UseSqliteStorageFile(Path.Combine(files.Path, "backoffice.db")));
        var enrolment = await server.EnrolAsync("till-01");
        await using var till = TestTerminal.Create(server.SyncUri, "till-01", enrolment.Credential, storage: f => f.UseSqliteStorageFile(Path.Combine(files.Path, "till.db")));
        var sold = await till.SellAsync(250); // more than one batch of 100

        var outcome = await till.Agent.SyncNowAsync();

        Assert.Equal(SyncOutcomeStatus.Succeeded, outcome.Status);
        Assert.Equal(3, outcome.Exchanges);
        Assert.Equal(0, await till.Outbox.CountAsync(CancellationToken.None));
        Assert.Equal(250, server.Tickets.Total);
        Assert.All(sold, id => Assert.Equal(1, server.Tickets.Applied[id]));
    }

    [Fact]
    public async Task SyncNowAsync_ResponseLostAfterTheBackOfficeCommitted_ReplayAppliesEachTicketOnce()
    {
        var enrolment = await _server.EnrolAsync("till-01");
        var lose = new LoseResponsesHandler.State(toLose: 1);
        await using var till = TestTerminal.Create(_server.SyncUri, "till-01", enrolment.Credential,
            http: o => o.MaxRetryAttempts = 0,
            client: c => c.AddHttpMessageHandler(() => new LoseResponsesHandler(lose)));
        var sold = await till.SellAsync(4);

        var lost = await till.Agent.SyncNowAsync();
        var replayed = await till.Agent.SyncNowAsync();

        Assert.Equal(SyncOutcomeStatus.Unreachable, lost.Status);
        Assert.Equal(4, _server.Tickets.Total); // committed although the terminal never heard of it
        Assert.Equal(SyncOutcomeStatus.Succeeded, replayed.Status);
        Assert.Equal(4, replayed.Acknowledged);
        Assert.Equal(2, _server.Requests);
        Assert.All(sold, id => Assert.Equal(1, _server.Tickets.Applied[id]));
        Assert.Equal(0, await till.Outbox.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SyncNowAsync_ResponseLostWithinOneExchange_RetryIsAcknowledgedAndAppliedOnce()
    {
        var enrolment = await _server.EnrolAsync("till-01");
        var lose = new LoseResponsesHandler.State(toLose: 1);
        await using var till = TestTerminal.Create(_server.SyncUri, "till-01", enrolment.Credential,
            client: c => c.AddHttpMessageHandler(() => new LoseResponsesHandler(lose)));
        var sold = await till.SellAsync(3);

        var outcome = await till.Agent.SyncNowAsync();

        Assert.Equal(SyncOutcomeStatus.Succeeded, outcome.Status);
        Assert.Equal(1, lose.Lost);
        Assert.Equal(2, _server.Requests);
        Assert.All(sold, id => Assert.Equal(1, _server.Tickets.Applied[id]));
    }

    [Fact]
    public async Task SyncNowAsync_AnotherTerminalsValidCredential_IsUnauthorizedNotRetriedAndWritesNothing()
    {
        var other = await _server.EnrolAsync("till-01");
        await _server.EnrolAsync("till-02");
        await using var till = TestTerminal.Create(_server.SyncUri, "till-02", other.Credential);
        await till.SellAsync(3);

        var outcome = await till.Agent.SyncNowAsync();

        Assert.Equal(SyncOutcomeStatus.Unauthorized, outcome.Status);
        Assert.Contains("403", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("till-01", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(1, _server.Requests);
        Assert.Equal(0, _server.Tickets.Total);
        Assert.Equal(3, await till.Outbox.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SyncNowAsync_AnotherOrganization_IsUnauthorizedAndWritesNothing()
    {
        var enrolment = await _server.EnrolAsync("till-01", "ACME");
        await using var till = TestTerminal.Create(_server.SyncUri, "till-01", enrolment.Credential, organization: "GLOBEX");
        await till.SellAsync(2);

        var outcome = await till.Agent.SyncNowAsync();

        Assert.Equal(SyncOutcomeStatus.Unauthorized, outcome.Status);
        Assert.Equal(0, _server.Tickets.Total);
    }

    [Fact]
    public async Task SyncNowAsync_RevokedCredential_Is401NotRetried()
    {
        var enrolment = await _server.EnrolAsync("till-01");
        await _server.RevokeAsync("till-01");
        await using var till = TestTerminal.Create(_server.SyncUri, "till-01", enrolment.Credential);
        await till.SellAsync(1);

        var outcome = await till.Agent.SyncNowAsync();

        Assert.Equal(SyncOutcomeStatus.Unauthorized, outcome.Status);
        Assert.Contains("401", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(1, _server.Requests);
        Assert.Equal(0, _server.Tickets.Total);
    }

    [Fact]
    public async Task SyncNowAsync_VersionBelowTheMinimum_IsRefusedWithTheBackOfficesReason()
    {
        var enrolment = await _server.EnrolAsync("till-01");
        await using var till = TestTerminal.Create(_server.SyncUri, "till-01", enrolment.Credential, applicationVersion: "33.9");
        await till.SellAsync(2);

        var outcome = await till.Agent.SyncNowAsync();

        Assert.Equal(SyncOutcomeStatus.Refused, outcome.Status);
        Assert.Contains("version 34 and later", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("33.9", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(outcome, till.Agent.LastOutcome);
        Assert.Contains(till.Logs.GetSnapshot(), r => r.Message.Contains("version 34 and later", StringComparison.Ordinal));
        Assert.Equal(0, _server.Tickets.Total);
        Assert.Equal(2, await till.Outbox.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SyncNowAsync_ServerAnswers503Twice_IsRetriedAndSucceeds()
    {
        var enrolment = await _server.EnrolAsync("till-01");
        await using var till = TestTerminal.Create(_server.SyncUri, "till-01", enrolment.Credential);
        var sold = await till.SellAsync(2);
        _server.AnswerNext(503, times: 2);

        var outcome = await till.Agent.SyncNowAsync();

        Assert.Equal(SyncOutcomeStatus.Succeeded, outcome.Status);
        Assert.Equal(3, _server.Requests);
        Assert.All(sold, id => Assert.Equal(1, _server.Tickets.Applied[id]));
    }

    [Fact]
    public async Task SyncNowAsync_ServerKeepsAnswering503_IsUnreachableAfterTheRetriesAndKeepsTheOutbox()
    {
        var enrolment = await _server.EnrolAsync("till-01");
        await using var till = TestTerminal.Create(_server.SyncUri, "till-01", enrolment.Credential, http: o => o.MaxRetryAttempts = 2);
        await till.SellAsync(2);
        _server.AnswerNext(503, times: 10);

        var outcome = await till.Agent.SyncNowAsync();

        Assert.Equal(SyncOutcomeStatus.Unreachable, outcome.Status);
        Assert.Contains("503", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(3, _server.Requests);
        Assert.Equal(2, await till.Outbox.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SyncNowAsync_EveryAttemptOfAnExchangeFailed_OpensTheCircuitAndTheNextFailsWithoutARequest()
    {
        var enrolment = await _server.EnrolAsync("till-01");
        await using var till = TestTerminal.Create(_server.SyncUri, "till-01", enrolment.Credential);
        await till.SellAsync(1);
        _server.AnswerNext(503, times: 4);

        var failed = await till.Agent.SyncNowAsync();
        var broken = await till.Agent.SyncNowAsync();

        Assert.Equal(SyncOutcomeStatus.Unreachable, failed.Status);
        Assert.Equal(SyncOutcomeStatus.Unreachable, broken.Status);
        Assert.Contains("circuit", broken.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(4, _server.Requests);
        Assert.Equal(1, await till.Outbox.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SyncNowAsync_NoServerListening_IsUnreachable()
    {
        var enrolment = await _server.EnrolAsync("till-01");
        var closed = _server.SyncUri;
        await _server.DisposeAsync();
        _server = await SyncBackOfficeServer.StartAsync(); // DisposeAsync of the test disposes this one
        await using var till = TestTerminal.Create(closed, "till-01", enrolment.Credential, http: o => o.MaxRetryAttempts = 1);
        await till.SellAsync(1);

        var outcome = await till.Agent.SyncNowAsync();

        Assert.Equal(SyncOutcomeStatus.Unreachable, outcome.Status);
        Assert.Equal(1, await till.Outbox.CountAsync(CancellationToken.None));
    }
}
