using PosFleet.Sync.Exchange;
using PosFleet.Sync.Outbox;

namespace PosFleet.Tests.Sync;

/// <summary>The back office's handler: authentication bound to the terminal and organization, versions, idempotent application.</summary>
public sealed class SyncExchangeHandlerTests : IAsyncDisposable
{
    private readonly TestClock _clock = new();
    private readonly BackOffice _backOffice;

    public SyncExchangeHandlerTests() => _backOffice = new BackOffice(_clock, o => o.MinimumApplicationVersion = "34");

    public ValueTask DisposeAsync() => _backOffice.DisposeAsync();

    private SyncRequest Request(string terminal, string? organization, params OutboxMessage[] outbox) => new()
    {
        TerminalId = terminal,
        Organization = organization,
        Heartbeat = new SyncHeartbeat { ApplicationVersion = "34.2" },
        Outbox = outbox,
    };

    private OutboxMessage[] Tickets(params int[] numbers) => [.. numbers.Select(n => BackOffice.Ticket(n, _clock))];

    [Fact]
    public async Task HandleAsync_SameRequestReplayed_SameAcknowledgementsAndOneEffect()
    {
        var till = await _backOffice.Registry.EnrolAsync("till-01", "ACME");
        var request = Request("till-01", "ACME", Tickets(1, 2, 3));

        var first = await _backOffice.Handler.HandleAsync(till.Credential, request, default);
        var replay = await _backOffice.Handler.HandleAsync(till.Credential, request, default);

        Assert.Equal(SyncExchangeStatus.Ok, first.Status);
        Assert.Equal(request.Outbox.Select(m => m.Id), first.Response!.Acknowledged);
        Assert.Equal(first.Response.Acknowledged, replay.Response!.Acknowledged);
        Assert.Equal([("till-01", "ACME", 1), ("till-01", "ACME", 2), ("till-01", "ACME", 3)], _backOffice.Tickets.Applied);
    }

    [Fact]
    public async Task HandleAsync_AnotherTerminalsValidCredential_ForbiddenAndNothingWritten()
    {
        await _backOffice.Registry.EnrolAsync("till-01", "ACME");
        var other = await _backOffice.Registry.EnrolAsync("till-02", "ACME");
        var request = Request("till-01", "ACME", Tickets(1));

        var result = await _backOffice.Handler.HandleAsync(other.Credential, request, default);

        Assert.Equal(SyncExchangeStatus.Forbidden, result.Status);
        Assert.Null(result.Response);
        Assert.Empty(_backOffice.Tickets.Applied);
        Assert.False(await _backOffice.Inbox.ContainsAsync("till-01", request.Outbox[0].Id, default));
        Assert.False(await _backOffice.Inbox.ContainsAsync("till-02", request.Outbox[0].Id, default));
    }

    [Fact]
    public async Task HandleAsync_OwnTerminalClaimingAnotherOrganization_ForbiddenAndNothingWritten()
    {
        var till = await _backOffice.Registry.EnrolAsync("till-01", "ACME");

        var result = await _backOffice.Handler.HandleAsync(till.Credential, Request("till-01", "GLOBEX", Tickets(1)), default);

        Assert.Equal(SyncExchangeStatus.Forbidden, result.Status);
        Assert.Empty(_backOffice.Tickets.Applied);
    }

    [Fact]
    public async Task HandleAsync_OrganizationLeftOut_AppliesUnderTheEnrolledOne()
    {
        var till = await _backOffice.Registry.EnrolAsync("till-01", "ACME");

        var result = await _backOffice.Handler.HandleAsync(till.Credential, Request("till-01", null, Tickets(7)), default);

        Assert.Equal(SyncExchangeStatus.Ok, result.Status);
        Assert.Equal([("till-01", "ACME", 7)], _backOffice.Tickets.Applied);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("pft1.garbage")]
    [InlineData("Bearer something")]
    [InlineData("pft1.dGlsbC0wMQ.abc")]
    [InlineData("pft1.dGlsbC0wMQ.a")]
    [InlineData("pft1.!!.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task HandleAsync_MissingOrMalformedCredential_Unauthorized(string? credential)
    {
        await _backOffice.Registry.EnrolAsync("till-01", "ACME");

        var result = await _backOffice.Handler.HandleAsync(credential, Request("till-01", "ACME", Tickets(1)), default);

        Assert.Equal(SyncExchangeStatus.Unauthorized, result.Status);
        Assert.Empty(_backOffice.Tickets.Applied);
    }

    [Fact]
    public async Task HandleAsync_WrongSecretForTheRightTerminal_Unauthorized()
    {
        var till = await _backOffice.Registry.EnrolAsync("till-01", "ACME");
        var forged = till.Credential[..^4] + (till.Credential.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        var result = await _backOffice.Handler.HandleAsync(forged, Request("till-01", "ACME", Tickets(1)), default);

        Assert.Equal(SyncExchangeStatus.Unauthorized, result.Status);
        Assert.Empty(_backOffice.Tickets.Applied);
    }

    [Fact]
    public async Task HandleAsync_RevokedOrReplacedCredential_Unauthorized()
    {
        var first = await _backOffice.Registry.EnrolAsync("till-01", "ACME");
        var second = await _backOffice.Registry.EnrolAsync("till-01", "ACME");
        var replaced = await _backOffice.Handler.HandleAsync(first.Credential, Request("till-01", "ACME"), default);
        var current = await _backOffice.Handler.HandleAsync(second.Credential, Request("till-01", "ACME"), default);

        Assert.True(await _backOffice.Registry.RevokeAsync("till-01"));
        var revoked = await _backOffice.Handler.HandleAsync(second.Credential, Request("till-01", "ACME", Tickets(1)), default);

        Assert.Equal((SyncExchangeStatus.Unauthorized, SyncExchangeStatus.Ok, SyncExchangeStatus.Unauthorized), (replaced.Status, current.Status, revoked.Status));
        Assert.Empty(_backOffice.Tickets.Applied);
    }

    [Theory]
    [InlineData("33.9")]
    [InlineData("33")]
    [InlineData("not a version")]
    public async Task HandleAsync_ApplicationVersionBelowMinimum_RefusedWithReasonAndNothingApplied(string version)
    {
        var till = await _backOffice.Registry.EnrolAsync("till-01", "ACME");
        var request = Request("till-01", "ACME", Tickets(1)) with { Heartbeat = new SyncHeartbeat { ApplicationVersion = version } };

        var result = await _backOffice.Handler.HandleAsync(till.Credential, request, default);

        Assert.Equal(SyncExchangeStatus.Ok, result.Status);
        Assert.Equal(SyncRefusalCode.ApplicationVersionTooOld, result.Response!.Refusal!.Code);
        Assert.Contains("version 34 and later", result.Response.Refusal.Reason, StringComparison.Ordinal);
        Assert.Contains(version, result.Response.Refusal.Reason, StringComparison.Ordinal);
        Assert.Empty(result.Response.Acknowledged);
        Assert.Empty(_backOffice.Tickets.Applied);
    }

    [Theory]
    [InlineData("34")]
    [InlineData("34.0.1")]
    [InlineData("100.2-beta")]
    public async Task HandleAsync_ApplicationVersionAtOrAboveMinimum_Applies(string version)
    {
        var till = await _backOffice.Registry.EnrolAsync("till-01", "ACME");
        var request = Request("till-01", "ACME", Tickets(1)) with { Heartbeat = new SyncHeartbeat { ApplicationVersion = version } };

        var result = await _backOffice.Handler.HandleAsync(till.Credential, request, default);

        Assert.Null(result.Response!.Refusal);
        Assert.Single(_backOffice.Tickets.Applied);
    }

    [Fact]
    public async Task HandleAsync_ProtocolVersionBelowMinimum_Refused()
    {
        var till = await _backOffice.Registry.EnrolAsync("till-01", "ACME");

        var result = await _backOffice.Handler.HandleAsync(till.Credential, Request("till-01", "ACME", Tickets(1)) with { ProtocolVersion = 0 }, default);

        Assert.Equal(SyncRefusalCode.ProtocolVersionTooOld, result.Response!.Refusal!.Code);
        Assert.Empty(_backOffice.Tickets.Applied);
    }

    [Fact]
    public async Task HandleAsync_HandlerFailsOnAMessage_AcknowledgesOnlyThoseBeforeAndAppliesTheRestOnReplay()
    {
        var till = await _backOffice.Registry.EnrolAsync("till-01", "ACME");
        var request = Request("till-01", "ACME", Tickets(1, 2, 3));
        _backOffice.Tickets.FailOn = 2;

        var failed = await _backOffice.Handler.HandleAsync(till.Credential, request, default);
        _backOffice.Tickets.FailOn = null;
        var replay = await _backOffice.Handler.HandleAsync(till.Credential, request, default);

        Assert.Equal([request.Outbox[0].Id], failed.Response!.Acknowledged);
        Assert.Equal(request.Outbox.Select(m => m.Id), replay.Response!.Acknowledged);
        Assert.Equal([1, 2, 3], _backOffice.Tickets.Applied.Select(t => t.Ticket));
        Assert.Empty(failed.Response.Rejected);
        Assert.Equal(0, await _backOffice.Inbox.CountDeadLettersAsync("till-01", default));
    }

    [Fact]
    public async Task Exchanges_EnrolForbiddenAndUnauthorized_NoSecretInAnyLog()
    {
        var till = await _backOffice.Registry.EnrolAsync("till-01", "ACME");
        var other = await _backOffice.Registry.EnrolAsync("till-02", "ACME");
        await _backOffice.Handler.HandleAsync(till.Credential, Request("till-01", "ACME", Tickets(1)), default);
        await _backOffice.Handler.HandleAsync(other.Credential, Request("till-01", "ACME", Tickets(2)), default);
        await _backOffice.Handler.HandleAsync(till.Credential[..^2], Request("till-01", "ACME", Tickets(3)), default);
        await _backOffice.Registry.RevokeAsync("till-01");

        var logs = _backOffice.Logs.GetSnapshot();
        var secrets = new[] { till.Credential, other.Credential }.Select(c => c[(c.LastIndexOf('.') + 1)..]).ToList();

        Assert.True(logs.Count >= 5, $"{logs.Count} log records");
        Assert.Contains(logs, r => r.Message.Contains("till-02", StringComparison.Ordinal) && r.Message.Contains("till-01", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, r => secrets.Any(s => r.Message.Contains(s[..12], StringComparison.Ordinal)
            || r.StructuredState!.Any(p => p.Value?.Contains(s[..12], StringComparison.Ordinal) == true)));
        Assert.DoesNotContain(secrets[0], till.ToString(), StringComparison.Ordinal);
    }
}
