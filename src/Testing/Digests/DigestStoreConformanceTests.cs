using PosFleet.Digests;
using PosFleet.Logs;
using Xunit;

namespace PosFleet.Testing.Digests;

/// <summary>
/// What every <see cref="IDigestStore"/> must do, whatever keeps it (memory, SQLite, PostgreSQL): derive from this
/// class and return a new, empty store from <see cref="CreateStoreAsync"/>. The ledger's guarantees — one claim per
/// key even under contention, takeover only after the lease, updates refused to an owner that lost its claim — are
/// what makes a digest go out once.
/// </summary>
public abstract class DigestStoreConformanceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 7, 0, 1, TimeSpan.Zero);
    private static readonly DigestRunKey Key = new("shop-12", Now.AddDays(-1).AddSeconds(-1), Now.AddSeconds(-1));

    /// <summary>A new, empty store.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<IDigestStore> CreateStoreAsync();

    /// <summary>A valid subscription: Europe/Madrid at 08:00, two recipients, threshold 5.</summary>
    /// <param name="id">Its id.</param>
    /// <returns>The subscription.</returns>
    protected static DigestSubscription Subscription(string id = "shop-12") => new()
    {
        Id = id,
        Name = "Shop 12 follow-up",
        Recipients = ["ana@example.es", "ops@example.com"],
        MinimumThreshold = 5,
        Organization = "shop-12",
        TimeZone = "Europe/Madrid",
        SendTime = new TimeOnly(8, 0),
    };

    private static DigestRunClaim Claim(DigestRunKey key, string owner, DateTimeOffset now) =>
        new(key, DigestTrigger.Scheduled, owner, now, now.AddMinutes(10), ["ana@example.es", "ops@example.com"], 5);

    /// <summary>A saved subscription reads back field by field; saving the same id replaces it.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task SaveSubscription_ThenRead_ReturnsItAndReplacesBySameId()
    {
        var store = await CreateStoreAsync();
        var s = Subscription() with { Kinds = new HashSet<LogKind> { LogKind.Offline, LogKind.Fail }, Terminal = "till-01", Window = TimeSpan.FromHours(12), SendTime = new TimeOnly(7, 30) };

        await store.SaveSubscriptionAsync(s, default);
        await store.SaveSubscriptionAsync(Subscription("a-first"), default);
        var read = await store.GetSubscriptionAsync("shop-12", default);

        Assert.NotNull(read);
        Assert.Equal(s.Recipients, read.Recipients);
        Assert.True(s.EffectiveKinds.SetEquals(read.EffectiveKinds));
        Assert.Null((await store.GetSubscriptionAsync("a-first", default))!.Kinds);
        Assert.Equal((s.Name, s.Active, s.TestMode, s.MinimumThreshold, s.Organization, s.Terminal, s.SendTime, s.TimeZone, s.Window, s.Culture), (read.Name, read.Active, read.TestMode, read.MinimumThreshold, read.Organization, read.Terminal, read.SendTime, read.TimeZone, read.Window, read.Culture));
        Assert.Equal(["a-first", "shop-12"], (await store.GetSubscriptionsAsync(default)).Select(x => x.Id));

        await store.SaveSubscriptionAsync(s with { Name = "Renamed", Active = false }, default);
        Assert.Equal("Renamed", (await store.GetSubscriptionAsync("shop-12", default))!.Name);
        Assert.Equal(2, (await store.GetSubscriptionsAsync(default)).Count);
    }

    /// <summary>An invalid subscription is refused with a message naming the field, and nothing is stored.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task SaveSubscription_Invalid_IsRefusedNamingTheField()
    {
        var store = await CreateStoreAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await store.SaveSubscriptionAsync(Subscription() with { TimeZone = "Nowhere/Land" }, default));

        Assert.Contains("TimeZone 'Nowhere/Land'", error.Message);
        Assert.Empty(await store.GetSubscriptionsAsync(default));
    }

    /// <summary>Removing says whether the subscription existed.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task RemoveSubscription_SaysWhetherItExisted()
    {
        var store = await CreateStoreAsync();
        await store.SaveSubscriptionAsync(Subscription(), default);

        Assert.True(await store.RemoveSubscriptionAsync("shop-12", default));
        Assert.False(await store.RemoveSubscriptionAsync("shop-12", default));
        Assert.Null(await store.GetSubscriptionAsync("shop-12", default));
    }

    /// <summary>The first claim of a key creates the run in progress, every recipient pending.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TryClaimRun_NewKey_CreatesItInProgressWithEveryRecipientPending()
    {
        var store = await CreateStoreAsync();

        var run = await store.TryClaimRunAsync(Claim(Key, "host-a", Now), default);

        Assert.NotNull(run);
        Assert.Equal((DigestRunStatus.InProgress, 1, "host-a", Now.AddMinutes(10), 5, Now), (run.Status, run.Attempts, run.Owner, run.LeaseUntil, run.Threshold, run.CreatedAt));
        Assert.All(run.Recipients, r => Assert.Equal(DigestRecipientStatus.Pending, r.Status));
        Assert.Equal(run, await store.GetRunAsync(Key, default), RunComparer.Instance);
    }

    /// <summary>A run held by another host cannot be claimed until its lease ends.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TryClaimRun_HeldByAnotherHost_IsNullUntilItsLeaseEnds()
    {
        var store = await CreateStoreAsync();
        await store.TryClaimRunAsync(Claim(Key, "host-a", Now), default);

        Assert.Null(await store.TryClaimRunAsync(Claim(Key, "host-b", Now.AddMinutes(9)), default));
        var taken = await store.TryClaimRunAsync(Claim(Key, "host-b", Now.AddMinutes(10)), default);

        Assert.NotNull(taken);
        Assert.Equal(("host-b", 2, DigestRunStatus.InProgress), (taken.Owner, taken.Attempts, taken.Status));
    }

    /// <summary>Sixteen concurrent claims of one key: exactly one wins.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TryClaimRun_SixteenHostsAtOnce_OnlyOneWins()
    {
        var store = await CreateStoreAsync();

        var claims = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () => await store.TryClaimRunAsync(Claim(Key, $"host-{i}", Now), default))));

        Assert.Single(claims, c => c is not null);
    }

    /// <summary>The owner's update is stored with every field.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task UpdateRun_ByTheOwner_IsRecordedWithEveryField()
    {
        var store = await CreateStoreAsync();
        var run = (await store.TryClaimRunAsync(Claim(Key, "host-a", Now), default))!;
        var pending = run with
        {
            Status = DigestRunStatus.Pending,
            Count = 42,
            NextAttemptAt = Now.AddMinutes(5),
            UpdatedAt = Now.AddSeconds(3),
            Error = "partly",
            Recipients =
            [
                new("ana@example.es", DigestRecipientStatus.Sent, 1, null, Now.AddSeconds(2)),
                new("ops@example.com", DigestRecipientStatus.Pending, 1, "451 greylisted", Now.AddSeconds(2)),
            ],
        };

        Assert.True(await store.UpdateRunAsync(pending, default));

        Assert.Equal(pending, await store.GetRunAsync(Key, default), RunComparer.Instance);
    }

    /// <summary>An owner that lost its claim cannot update the run.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task UpdateRun_ByAnOwnerThatLostItsClaim_IsRefused()
    {
        var store = await CreateStoreAsync();
        var lost = (await store.TryClaimRunAsync(Claim(Key, "host-a", Now), default))!;
        var winner = (await store.TryClaimRunAsync(Claim(Key, "host-b", Now.AddMinutes(11)), default))!;

        Assert.False(await store.UpdateRunAsync(lost with { Status = DigestRunStatus.Sent }, default));
        Assert.True(await store.UpdateRunAsync(winner with { Status = DigestRunStatus.Sent }, default));
        Assert.False(await store.UpdateRunAsync(winner with { Status = DigestRunStatus.Failed }, default));
        Assert.Equal(DigestRunStatus.Sent, (await store.GetRunAsync(Key, default))!.Status);
    }

    /// <summary>A pending run is claimable once due; a finished run never.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TryClaimRun_PendingRun_IsClaimableOnlyOnceDue_AndAFinishedRunNever()
    {
        var store = await CreateStoreAsync();
        var run = (await store.TryClaimRunAsync(Claim(Key, "host-a", Now), default))!;
        await store.UpdateRunAsync(run with { Status = DigestRunStatus.Pending, NextAttemptAt = Now.AddMinutes(5) }, default);

        Assert.Null(await store.TryClaimRunAsync(Claim(Key, "host-a", Now.AddMinutes(4)), default));
        var retry = (await store.TryClaimRunAsync(Claim(Key, "host-a", Now.AddMinutes(5)), default))!;
        Assert.Equal(2, retry.Attempts);
        Assert.Null(retry.NextAttemptAt);
        Assert.True(await store.UpdateRunAsync(retry with { Status = DigestRunStatus.BelowThreshold }, default));

        Assert.Null(await store.TryClaimRunAsync(Claim(Key, "host-a", Now.AddDays(30)), default));
    }

    /// <summary>
    /// The store follows the ledger's one due rule (<see cref="DigestRun.IsDueAt"/>) and its one way of building a
    /// claimed run (<see cref="DigestRunClaim.ClaimFrom"/>): for a run in each state, just before and at the instant
    /// the rule says, the store's claim is exactly what the rule makes of the stored run.
    /// </summary>
    /// <param name="status">The stored run's state.</param>
    /// <param name="dueInMinutes">When the rule says the run is due, in minutes after the claim (-1: never).</param>
    /// <returns>A task.</returns>
    [Theory]
    [InlineData(DigestRunStatus.Pending, 5)]
    [InlineData(DigestRunStatus.InProgress, 10)]
    [InlineData(DigestRunStatus.Sent, -1)]
    [InlineData(DigestRunStatus.PartiallySent, -1)]
    [InlineData(DigestRunStatus.BelowThreshold, -1)]
    [InlineData(DigestRunStatus.Failed, -1)]
    public async Task TryClaimRun_EachState_FollowsTheDueRuleAndBuildsTheRunAsTheClaimSays(DigestRunStatus status, int dueInMinutes)
    {
        var store = await CreateStoreAsync();
        var run = (await store.TryClaimRunAsync(Claim(Key, "host-a", Now), default))!;
        if (status != DigestRunStatus.InProgress)
        {
            Assert.True(await store.UpdateRunAsync(run with { Status = status, NextAttemptAt = status == DigestRunStatus.Pending ? Now.AddMinutes(5) : null }, default));
        }

        var stored = (await store.GetRunAsync(Key, default))!;
        var due = dueInMinutes < 0 ? (DateTimeOffset?)null : Now.AddMinutes(dueInMinutes);
        Assert.Equal(due, stored.DueAt);

        var early = Claim(Key, "host-b", (due ?? Now.AddDays(30)).AddTicks(-1));
        Assert.Null(early.ClaimFrom(stored));
        Assert.Null(await store.TryClaimRunAsync(early, default));

        var onTime = Claim(Key, "host-b", due ?? Now.AddDays(30));
        var expected = onTime.ClaimFrom(stored);
        var claimed = await store.TryClaimRunAsync(onTime, default);
        Assert.Equal(expected, claimed, RunComparer.Instance);
        if (expected is not null)
        {
            Assert.Equal(expected, await store.GetRunAsync(Key, default), RunComparer.Instance);
        }
    }

    /// <summary>A new run is built as <see cref="DigestRunClaim.ClaimFrom"/> builds it from no stored run, field by field.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TryClaimRun_NewKey_IsTheRunTheClaimBuilds()
    {
        var store = await CreateStoreAsync();
        var claim = Claim(Key with { TestId = "audit-1" }, "host-a", Now) with { Trigger = DigestTrigger.OnDemand, Threshold = 7 };

        var run = await store.TryClaimRunAsync(claim, default);

        Assert.Equal(claim.ClaimFrom(null), run, RunComparer.Instance);
        Assert.Equal(claim.ClaimFrom(null), await store.GetRunAsync(claim.Key, default), RunComparer.Instance);
    }

    /// <summary>Queries filter by subscription, status and test runs, latest window first.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task QueryRuns_FiltersBySubscriptionStatusAndTests_LatestWindowFirst()
    {
        var store = await CreateStoreAsync();
        for (var day = 0; day < 3; day++)
        {
            var key = Key with { WindowStart = Key.WindowStart.AddDays(day), WindowEnd = Key.WindowEnd.AddDays(day) };
            var run = (await store.TryClaimRunAsync(Claim(key, "host-a", Now), default))!;
            await store.UpdateRunAsync(run with { Status = day == 1 ? DigestRunStatus.Pending : DigestRunStatus.Sent }, default);
        }

        await store.TryClaimRunAsync(Claim(Key with { TestId = "scheduled" }, "host-a", Now), default);
        await store.TryClaimRunAsync(Claim(Key with { SubscriptionId = "other" }, "host-a", Now), default);

        var all = await store.QueryRunsAsync(new DigestRunQuery { SubscriptionId = "shop-12" }, default);
        var real = await store.QueryRunsAsync(new DigestRunQuery { SubscriptionId = "shop-12", IncludeTests = false }, default);
        var pending = await store.QueryRunsAsync(new DigestRunQuery { Statuses = new HashSet<DigestRunStatus> { DigestRunStatus.Pending } }, default);
        var latest = await store.QueryRunsAsync(new DigestRunQuery { SubscriptionId = "shop-12", IncludeTests = false, Limit = 1 }, default);

        Assert.Equal(4, all.Count);
        Assert.Equal([Key.WindowEnd.AddDays(2), Key.WindowEnd.AddDays(1), Key.WindowEnd], real.Select(r => r.Key.WindowEnd));
        Assert.Equal(Key.WindowEnd.AddDays(1), Assert.Single(pending).Key.WindowEnd);
        Assert.Equal(Key.WindowEnd.AddDays(2), Assert.Single(latest).Key.WindowEnd);
        Assert.Null(await store.GetRunAsync(Key with { TestId = "other-test" }, default));
    }

    /// <summary>Runs compared field by field (records holding lists compare those by reference).</summary>
    private sealed class RunComparer : IEqualityComparer<DigestRun?>
    {
        public static readonly RunComparer Instance = new();

        public bool Equals(DigestRun? x, DigestRun? y) =>
            x is not null && y is not null
            && x.Key == y.Key && x.Trigger == y.Trigger && x.Status == y.Status
            && x.Count == y.Count && x.Threshold == y.Threshold && x.Attempts == y.Attempts && x.Owner == y.Owner
            && x.LeaseUntil == y.LeaseUntil && x.CreatedAt == y.CreatedAt && x.UpdatedAt == y.UpdatedAt
            && x.NextAttemptAt == y.NextAttemptAt && x.Error == y.Error
            && x.Recipients.SequenceEqual(y.Recipients);

        public int GetHashCode(DigestRun? obj) => obj?.Key.GetHashCode() ?? 0;
    }
}
