using PosFleet.Digests;
using PosFleet.Logs;
using PosFleet.Notifications;

namespace PosFleet.Tests.Digests;

public sealed class DigestRunnerTests
{
    // Monday 23 November 2026, 08:00 in Madrid (07:00 UTC): the window is 22 Nov 08:00 → 23 Nov 08:00.
    private static readonly DigestWindow Window = DigestFixture.DailyWindow(2026, 11, 23);
    private readonly DigestFixture _f = new(Window.End.AddSeconds(1));

    private void Errors(int count, LogKind kind = LogKind.Offline, string terminal = "till-01") =>
        _f.Logs.AddMany(count, Window.Start.AddHours(1), TimeSpan.FromMinutes(7), kind, terminal, "Printer KITCHEN is offline", hint: "Check the printer's cable.");

    [Fact]
    public async Task RunWindow_ThresholdMinusOne_SendsNothingAndRecordsBelowThreshold()
    {
        await _f.SaveAsync(DigestFixture.Subscription(threshold: 5));
        Errors(4);
        _f.Logs.Add(Window.Start.AddHours(2), LogKind.None, "till-01", "Ticket saved"); // not a chosen kind
        _f.Logs.Add(Window.End, LogKind.Offline, "till-01", "Printer KITCHEN is offline"); // after the window

        var result = await _f.Runner().RunWindowAsync("shop-12", Window);

        Assert.Equal(DigestRunOutcome.BelowThreshold, result.Outcome);
        Assert.Empty(_f.Notifier.Messages);
        var run = await _f.Store.GetRunAsync(new DigestRunKey("shop-12", Window.Start, Window.End), default);
        Assert.Equal(DigestRunStatus.BelowThreshold, run!.Status);
        Assert.Equal(4, run.Count);
    }

    [Fact]
    public async Task RunWindow_AtThreshold_SendsOneDigestToEveryRecipient()
    {
        await _f.SaveAsync(DigestFixture.Subscription(threshold: 5));
        Errors(5);

        var result = await _f.Runner().RunWindowAsync("shop-12", Window);

        Assert.Equal(DigestRunOutcome.Sent, result.Outcome);
        var message = Assert.Single(_f.Notifier.Messages);
        Assert.Equal(["ana@example.es", "ops@example.com"], message.Recipients);
        Assert.Contains("Shop 12 follow-up", message.Subject);
        Assert.Contains("5 errors", message.Subject);
        Assert.DoesNotContain("TEST", message.Subject);
        Assert.All(result.Run!.Recipients, r => Assert.Equal(DigestRecipientStatus.Sent, r.Status));
        Assert.Equal(5, result.Run.Count);
    }

    [Fact]
    public async Task RunWindow_ZeroErrors_SendsNothing()
    {
        await _f.SaveAsync(DigestFixture.Subscription(threshold: 1));

        var result = await _f.Runner().RunWindowAsync("shop-12", Window);

        Assert.Equal(DigestRunOutcome.BelowThreshold, result.Outcome);
        Assert.Equal(0, result.Run!.Count);
        Assert.Empty(_f.Notifier.Messages);
    }

    [Fact]
    public async Task RunWindow_TestModeWithZeroErrors_SendsATestAndLeavesTheWindowsDigestUnclaimed()
    {
        await _f.SaveAsync(DigestFixture.Subscription(threshold: 5, test: true));

        var result = await _f.Runner().RunWindowAsync("shop-12", Window);

        Assert.Equal(DigestRunOutcome.Sent, result.Outcome);
        Assert.True(result.Key.IsTest);
        var message = Assert.Single(_f.Notifier.Messages);
        Assert.StartsWith("[TEST] ", message.Subject);
        Assert.Contains("test digest", message.Text);
        Assert.Null(await _f.Store.GetRunAsync(new DigestRunKey("shop-12", Window.Start, Window.End), default));

        // Out of test mode, the window's digest is still to be decided.
        await _f.SaveAsync(DigestFixture.Subscription(threshold: 1));
        Errors(1);
        Assert.Equal(DigestRunOutcome.Sent, (await _f.Runner().RunWindowAsync("shop-12", Window)).Outcome);
        Assert.Equal(2, _f.Notifier.Messages.Count);
    }

    [Fact]
    public async Task RunWindow_Twice_SendsOnce()
    {
        await _f.SaveAsync(DigestFixture.Subscription(threshold: 1));
        Errors(3);

        var first = await _f.Runner().RunWindowAsync("shop-12", Window);
        var second = await _f.Runner("host-b").RunWindowAsync("shop-12", Window);

        Assert.Equal(DigestRunOutcome.Sent, first.Outcome);
        Assert.Equal(DigestRunOutcome.Skipped, second.Outcome);
        Assert.Equal(DigestRunStatus.Sent, second.Run!.Status);
        Assert.Single(_f.Notifier.Messages);
    }

    [Fact]
    public async Task RunWindow_EightHostsAtOnce_SendOnce()
    {
        await _f.SaveAsync(DigestFixture.Subscription(threshold: 1));
        Errors(3);
        _f.Notifier.BeforeSend = () => Task.Delay(20);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () => await _f.Runner($"host-{i}").RunWindowAsync("shop-12", Window))));

        Assert.Single(results, r => r.Outcome == DigestRunOutcome.Sent);
        Assert.Equal(7, results.Count(r => r.Outcome == DigestRunOutcome.Skipped));
        Assert.Single(_f.Notifier.Messages);
    }

    [Fact]
    public async Task RunWindow_TransientFailureForOne_StaysPendingAndRetriesOnlyThatRecipient()
    {
        await _f.SaveAsync(DigestFixture.Subscription(threshold: 1));
        Errors(3);
        _f.Configure = o => o.UseRetryJitter = false;
        _f.Notifier.Answer = r => r == "ops@example.com" ? new NotificationDelivery(r, DeliveryStatus.TransientFailure, "451 try later") : null;
        var runner = _f.Runner();

        var first = await runner.RunWindowAsync("shop-12", Window);
        Assert.Equal(DigestRunOutcome.Pending, first.Outcome);
        Assert.Equal(DigestRunStatus.Pending, first.Run!.Status);
        Assert.Equal("451 try later", first.Run.Recipients.Single(r => r.Recipient == "ops@example.com").Reason);
        Assert.Equal(_f.Time.GetUtcNow() + TimeSpan.FromMinutes(5), first.Run.NextAttemptAt);

        Assert.Empty(await runner.RunDueAsync()); // not due yet
        _f.Notifier.Answer = _ => null;
        _f.Time.Advance(TimeSpan.FromMinutes(5));
        var retried = Assert.Single(await runner.RunDueAsync());

        Assert.Equal(DigestRunOutcome.Sent, retried.Outcome);
        Assert.Equal(2, retried.Run!.Attempts);
        Assert.Single(_f.Notifier.ReceivedBy("ana@example.es"));
        Assert.Single(_f.Notifier.ReceivedBy("ops@example.com"));
        Assert.All(_f.Notifier.Messages, m => Assert.Equal(first.Key.IdempotencyKey, m.IdempotencyKey));
    }

    [Fact]
    public async Task RunWindow_TransientFailuresWithJitter_NextAttemptIsWithinTheBackOffAndNeverBeforeItIsDue()
    {
        await _f.SaveAsync(DigestFixture.Subscription(threshold: 1));
        Errors(3);
        _f.Notifier.Answer = r => new NotificationDelivery(r, DeliveryStatus.TransientFailure, "421 busy");
        var runner = _f.Runner();

        var first = await runner.RunWindowAsync("shop-12", Window);
        var next = first.Run!.NextAttemptAt!.Value;

        Assert.InRange(next - _f.Time.GetUtcNow(), TimeSpan.FromTicks(1), new DigestOptions().MaxRetryDelay);
        _f.Time.Advance(next - _f.Time.GetUtcNow() - TimeSpan.FromTicks(1));
        Assert.Empty(await runner.RunDueAsync());
        _f.Time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(2, Assert.Single(await runner.RunDueAsync()).Run!.Attempts);
    }

    [Fact]
    public async Task RunDue_OneSubscription_RunsOnlyItsDueWindowAndItsPendingRetries()
    {
        await _f.SaveAsync(DigestFixture.Subscription("shop-12", threshold: 1));
        await _f.SaveAsync(DigestFixture.Subscription("shop-13", threshold: 1) with { Organization = "shop-12" });
        Errors(3);
        _f.Logs.AddMany(3, DigestFixture.DailyWindow(2026, 11, 22).Start.AddHours(1), TimeSpan.FromMinutes(7), LogKind.Offline, "till-01", "Printer KITCHEN is offline");
        _f.Configure = o => o.UseRetryJitter = false;
        _f.Notifier.Answer = r => new NotificationDelivery(r, DeliveryStatus.TransientFailure, "421 busy");
        var runner = _f.Runner();
        Assert.Equal(DigestRunOutcome.Pending, (await runner.RunWindowAsync("shop-13", DigestFixture.DailyWindow(2026, 11, 22))).Outcome);
        _f.Notifier.Answer = _ => null;
        _f.Time.Advance(TimeSpan.FromMinutes(5));

        var results = await runner.RunDueAsync(new DigestRunDueRequest { SubscriptionId = "shop-12" });

        var result = Assert.Single(results);
        Assert.Equal(("shop-12", DigestRunOutcome.Sent, Window), (result.Key.SubscriptionId, result.Outcome, result.Key.Window));
        Assert.All(_f.Notifier.Messages, m => Assert.Contains("/shop-12/", m.IdempotencyKey, StringComparison.Ordinal));
        Assert.Equal(DigestRunStatus.Pending, (await _f.Store.GetRunAsync(new DigestRunKey("shop-13", DigestFixture.DailyWindow(2026, 11, 22).Start, DigestFixture.DailyWindow(2026, 11, 22).End), default))!.Status);

        var others = await runner.RunDueAsync(new DigestRunDueRequest { SubscriptionId = "shop-13" });
        Assert.Equal([DigestFixture.DailyWindow(2026, 11, 22), Window], others.Select(r => r.Key.Window));
        Assert.All(others, r => Assert.Equal(DigestRunOutcome.Sent, r.Outcome));
    }

    [Fact]
    public async Task RunDue_UnknownSubscription_RunsNothing()
    {
        await _f.SaveAsync(DigestFixture.Subscription(threshold: 1));
        Errors(3);

        Assert.Empty(await _f.Runner().RunDueAsync(new DigestRunDueRequest { SubscriptionId = "nobody" }));
        Assert.Empty(_f.Notifier.Messages);
    }

    [Fact]
    public async Task RunDue_RetryAfterRetentionRemovedTheEntries_StillSendsToThePendingRecipient()
    {
        await _f.SaveAsync(DigestFixture.Subscription(threshold: 3));
        Errors(3);
        _f.Notifier.Answer = r => r == "ops@example.com" ? new NotificationDelivery(r, DeliveryStatus.TransientFailure, "421 busy") : null;
        var runner = _f.Runner();
        var first = await runner.RunWindowAsync("shop-12", Window);
        Assert.Equal(DigestRunOutcome.Pending, first.Outcome);

        _f.Logs.Clear();
        _f.Notifier.Answer = _ => null;
        _f.Time.Advance(first.Run!.NextAttemptAt!.Value - _f.Time.GetUtcNow());
        var retried = Assert.Single(await runner.RunDueAsync());

        Assert.Equal(DigestRunOutcome.Sent, retried.Outcome);
        Assert.Single(_f.Notifier.ReceivedBy("ops@example.com"));
    }

    [Fact]
    public async Task RunWindow_PermanentFailureForOne_OthersReceiveItAndTheLedgerSaysWhy()
    {
        await _f.SaveAsync(DigestFixture.Subscription(threshold: 1));
        Errors(3);
        _f.Notifier.Answer = r => r == "ops@example.com" ? new NotificationDelivery(r, DeliveryStatus.PermanentFailure, "550 no such user") : null;

        var result = await _f.Runner().RunWindowAsync("shop-12", Window);

        Assert.Equal(DigestRunOutcome.PartiallySent, result.Outcome);
        var ops = result.Run!.Recipients.Single(r => r.Recipient == "ops@example.com");
        Assert.Equal(DigestRecipientStatus.Failed, ops.Status);
        Assert.Equal("550 no such user", ops.Reason);
        Assert.Single(_f.Notifier.ReceivedBy("ana@example.es"));
        Assert.Empty(await _f.Runner().RunDueAsync());
    }

    [Fact]
    public async Task RunWindow_NotifierThrows_StaysPendingUntilAttemptsRunOut()
    {
        await _f.SaveAsync(DigestFixture.Subscription(threshold: 1));
        Errors(3);
        _f.Configure = o => o.MaxAttempts = 2;
        _f.Notifier.BeforeSend = () => throw new IOException("connection refused");
        var runner = _f.Runner();

        Assert.Equal(DigestRunOutcome.Pending, (await runner.RunWindowAsync("shop-12", Window)).Outcome);
        _f.Time.Advance(TimeSpan.FromHours(1));
        var last = Assert.Single(await runner.RunDueAsync(), r => r.Key.WindowEnd == Window.End);

        Assert.Equal(DigestRunOutcome.Failed, last.Outcome);
        Assert.All(last.Run!.Recipients, r => Assert.Contains("Gave up after 2 attempts: connection refused", r.Reason));
    }

    [Fact]
    public async Task RunDue_HostDiedAfterClaiming_AnotherHostTakesOverAfterTheLease()
    {
        var s = await _f.SaveAsync(DigestFixture.Subscription(threshold: 1));
        Errors(3);
        var now = _f.Time.GetUtcNow();
        var key = new DigestRunKey(s.Id, Window.Start, Window.End);
        Assert.NotNull(await _f.Store.TryClaimRunAsync(new DigestRunClaim(key, DigestTrigger.Scheduled, "dead-host", now, now.AddMinutes(10), s.Recipients, 1), default));
        var survivor = _f.Runner("host-b");

        Assert.Empty(await survivor.RunDueAsync());
        Assert.Equal(DigestRunOutcome.Skipped, (await survivor.RunWindowAsync(s.Id, Window)).Outcome);
        Assert.Empty(_f.Notifier.Messages);

        _f.Time.Advance(TimeSpan.FromMinutes(10));
        var result = Assert.Single(await survivor.RunDueAsync(), r => r.Outcome != DigestRunOutcome.Skipped);

        Assert.Equal(DigestRunOutcome.Sent, result.Outcome);
        Assert.Equal("host-b", result.Run!.Owner);
        Assert.Single(_f.Notifier.Messages);
        Assert.False(await _f.Store.UpdateRunAsync(result.Run with { Owner = "dead-host", Attempts = 1, Status = DigestRunStatus.Failed }, default));
    }

    [Fact]
    public async Task Audit_RunsTheLastWindowEndingNow_WithTheThreshold()
    {
        await _f.SaveAsync(DigestFixture.Subscription(threshold: 3));
        _f.Time.Advance(TimeSpan.FromHours(3));
        _f.Logs.AddMany(2, _f.Time.GetUtcNow().AddHours(-1), TimeSpan.FromMinutes(1), LogKind.Fail, "till-02", "Print job <*> failed");
        _f.Logs.Add(_f.Time.GetUtcNow().AddHours(-25), LogKind.Fail, "till-02", "Print job <*> failed"); // before the window
        var runner = _f.Runner();

        var below = await runner.AuditAsync("shop-12");
        var test = await runner.AuditAsync("shop-12", testMode: true);

        Assert.Equal(DigestRunOutcome.BelowThreshold, below.Outcome);
        Assert.Equal(2, below.Run!.Count);
        Assert.Equal(DigestTrigger.OnDemand, below.Run!.Trigger);
        Assert.Equal(_f.Time.GetUtcNow(), below.Key.WindowEnd);
        Assert.Equal(TimeSpan.FromHours(24), below.Key.Window.Duration);
        Assert.Equal(DigestRunOutcome.Sent, test.Outcome);
        Assert.StartsWith("[TEST]", Assert.Single(_f.Notifier.Messages).Subject);
    }

    [Fact]
    public async Task Audit_UnknownSubscription_SaysSo()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await _f.Runner().AuditAsync("nope"));
        Assert.Contains("'nope'", error.Message);
    }

    [Fact]
    public void IdempotencyKey_SameSubscriptionAndWindow_IsStable()
    {
        var a = new DigestRunKey("shop-12", Window.Start, Window.End);
        var b = new DigestRunKey("shop-12", Window.Start.ToOffset(TimeSpan.FromHours(1)), Window.End);

        Assert.Equal(a.IdempotencyKey, b.IdempotencyKey);
        Assert.Equal("posfleet-digest/shop-12/20261122T070000Z/20261123T070000Z", a.IdempotencyKey);
        Assert.NotEqual(a.IdempotencyKey, (a with { TestId = "scheduled" }).IdempotencyKey);
    }
}
