using PosFleet.Digests;

namespace PosFleet.Tests.Digests;

/// <summary>The ledger's one rule "is this run due?" (<see cref="DigestRun.DueAt"/>) and its one way of claiming a run (<see cref="DigestRunClaim.ClaimFrom"/>).</summary>
public sealed class DigestRunDueRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);
    private static readonly DigestRunKey Key = new("shop-12", Now.AddDays(-1), Now);

    private static DigestRun Run(DigestRunStatus status, DateTimeOffset? next = null) => new()
    {
        Key = Key,
        Status = status,
        Recipients = [new("ana@example.es", DigestRecipientStatus.Pending)],
        Owner = "host-a",
        Attempts = 3,
        LeaseUntil = Now.AddMinutes(10),
        NextAttemptAt = next,
        CreatedAt = Now.AddHours(-2),
        UpdatedAt = Now,
    };

    private static DigestRunClaim Claim(DateTimeOffset now) =>
        new(Key, DigestTrigger.CatchUp, "host-b", now, now.AddMinutes(10), ["ana@example.es", "ops@example.com"], 4);

    [Fact]
    public void DueAt_PendingRun_IsItsNextAttempt()
    {
        var run = Run(DigestRunStatus.Pending, Now.AddMinutes(5));

        Assert.Equal(Now.AddMinutes(5), run.DueAt);
        Assert.False(run.IsDueAt(Now.AddMinutes(5).AddTicks(-1)));
        Assert.True(run.IsDueAt(Now.AddMinutes(5)));
    }

    [Fact]
    public void DueAt_PendingRunWithoutNextAttempt_IsDueAtOnce()
    {
        Assert.True(Run(DigestRunStatus.Pending).IsDueAt(DateTimeOffset.MinValue.AddDays(1)));
    }

    [Fact]
    public void DueAt_InProgressRun_IsTheEndOfItsLease()
    {
        var run = Run(DigestRunStatus.InProgress, Now.AddMinutes(1));

        Assert.Equal(Now.AddMinutes(10), run.DueAt);
        Assert.False(run.IsDueAt(Now.AddMinutes(9)));
        Assert.True(run.IsDueAt(Now.AddMinutes(10)));
    }

    [Theory]
    [InlineData(DigestRunStatus.Sent)]
    [InlineData(DigestRunStatus.PartiallySent)]
    [InlineData(DigestRunStatus.BelowThreshold)]
    [InlineData(DigestRunStatus.Failed)]
    public void DueAt_FinishedRun_IsNever(DigestRunStatus status)
    {
        var run = Run(status, Now);

        Assert.Null(run.DueAt);
        Assert.False(run.IsDueAt(DateTimeOffset.MaxValue));
    }

    [Fact]
    public void ClaimFrom_NoStoredRun_BuildsTheFirstAttemptWithEveryRecipientPending()
    {
        var run = Claim(Now).ClaimFrom(null)!;

        Assert.Equal((DigestRunStatus.InProgress, 1, "host-b", Now.AddMinutes(10), 4, DigestTrigger.CatchUp), (run.Status, run.Attempts, run.Owner, run.LeaseUntil, run.Threshold, run.Trigger));
        Assert.Equal((Now, Now), (run.CreatedAt, run.UpdatedAt));
        Assert.Equal(["ana@example.es", "ops@example.com"], run.Recipients.Select(r => r.Recipient));
        Assert.All(run.Recipients, r => Assert.Equal((DigestRecipientStatus.Pending, 0), (r.Status, r.Attempts)));
    }

    [Fact]
    public void ClaimFrom_DueRun_TakesItOverKeepingItsRecipientsAndHistory()
    {
        var stored = Run(DigestRunStatus.Pending, Now) with { Count = 12, Threshold = 9 };

        var run = Claim(Now).ClaimFrom(stored)!;

        Assert.Equal((DigestRunStatus.InProgress, 4, "host-b", Now.AddMinutes(10), (DateTimeOffset?)null), (run.Status, run.Attempts, run.Owner, run.LeaseUntil, run.NextAttemptAt));
        Assert.Equal((12L, 9, Now.AddHours(-2)), (run.Count!.Value, run.Threshold, run.CreatedAt));
        Assert.Same(stored.Recipients, run.Recipients);
    }

    [Fact]
    public void ClaimFrom_RunNotDue_IsNull()
    {
        Assert.Null(Claim(Now).ClaimFrom(Run(DigestRunStatus.Pending, Now.AddTicks(1))));
        Assert.Null(Claim(Now).ClaimFrom(Run(DigestRunStatus.InProgress)));
        Assert.Null(Claim(Now.AddYears(1)).ClaimFrom(Run(DigestRunStatus.Sent)));
    }

    [Fact]
    public void AcceptsUpdate_OnlyFromTheClaimThatHoldsTheRun()
    {
        var held = Run(DigestRunStatus.InProgress);
        var update = held with { Status = DigestRunStatus.Sent };

        Assert.True(held.AcceptsUpdate(update));
        Assert.False(held.AcceptsUpdate(update with { Owner = "host-b" }));
        Assert.False(held.AcceptsUpdate(update with { Attempts = 2 }));
        Assert.False((held with { Status = DigestRunStatus.Pending }).AcceptsUpdate(update));
    }
}
