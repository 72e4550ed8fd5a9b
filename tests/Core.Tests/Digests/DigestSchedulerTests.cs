using NSubstitute;
using PosFleet.Digests;
using PosFleet.Logs;

namespace PosFleet.Tests.Digests;

public sealed class DigestSchedulerTests
{
    /// <summary>Moves the clock to <paramref name="to"/> and waits until the <paramref name="schedulers"/> parked schedulers it wakes have each finished a pass and parked again.</summary>
    private static async Task AdvanceToAsync(DigestFixture f, DateTimeOffset to, int schedulers = 1)
    {
        var parked = f.Time.TimersCreated;
        f.Time.Advance(to - f.Time.GetUtcNow());
        await f.Time.WaitForTimersAsync(parked + schedulers);
    }

    private static async Task<DigestScheduler> StartAsync(DigestFixture f)
    {
        var scheduler = f.Scheduler(f.Runner());
        await scheduler.StartAsync(CancellationToken.None);
        await f.Time.WaitForTimersAsync(1); // the first pass finished and parked
        return scheduler;
    }

    private static async Task<IReadOnlyList<DigestRun>> RunsAsync(DigestFixture f) =>
        await f.Store.QueryRunsAsync(new DigestRunQuery(), CancellationToken.None);

    [Theory]
    [InlineData(3, 26, 23)]
    [InlineData(10, 22, 25)]
    public async Task Scheduler_Daily0800Madrid_AcrossADstChange_SendsAtEightLocalTimeEveryDay(int month, int firstDay, int changeDayHours)
    {
        var f = new DigestFixture(DigestFixture.MadridTime(2026, month, firstDay - 1, 12));
        await f.SaveAsync(DigestFixture.Subscription(threshold: 1));
        f.Logs.AddMany(24 * 8, DigestFixture.MadridTime(2026, month, firstDay - 2, 0), TimeSpan.FromHours(1), LogKind.Offline, "till-01", "Printer KITCHEN is offline");
        var scheduler = await StartAsync(f);
        try
        {
            for (var day = firstDay; day < firstDay + 5; day++)
            {
                var eight = DigestFixture.MadridTime(2026, month, day, 8);

                await AdvanceToAsync(f, eight.AddSeconds(-1));
                Assert.DoesNotContain(await RunsAsync(f), r => r.Key.WindowEnd == eight);

                await AdvanceToAsync(f, eight);
                var run = Assert.Single(await RunsAsync(f), r => r.Key.WindowEnd == eight);
                Assert.Equal(DigestRunStatus.Sent, run.Status);
                Assert.Equal(DigestFixture.DailyWindow(2026, month, day), run.Key.Window);
            }

            var runs = await RunsAsync(f);
            Assert.Equal(5, runs.Count);
            Assert.Equal(5, f.Notifier.Messages.Count);
            Assert.Contains(runs, r => r.Key.Window.Duration == TimeSpan.FromHours(changeDayHours));
            Assert.All(runs, r => Assert.Equal(8, TimeZoneInfo.ConvertTime(r.Key.WindowEnd, DigestFixture.Madrid).Hour));
        }
        finally
        {
            await scheduler.StopAsync(CancellationToken.None);
            scheduler.Dispose();
        }
    }

    [Theory]
    [InlineData(DigestCatchUp.All, new[] { 21, 22, 23 })]
    [InlineData(DigestCatchUp.LatestOnly, new[] { 23 })]
    [InlineData(DigestCatchUp.None, new int[0])]
    public async Task Scheduler_StartedAfterDowntime_CatchesUpMissedWindowsAsConfigured(DigestCatchUp mode, int[] caughtUpDays)
    {
        var f = new DigestFixture(DigestFixture.MadridTime(2026, 11, 20, 8).AddSeconds(1));
        f.Configure = o => o.CatchUp = mode;
        await f.SaveAsync(DigestFixture.Subscription(threshold: 1));
        f.Logs.AddMany(24 * 6, DigestFixture.MadridTime(2026, 11, 19, 0), TimeSpan.FromHours(1), LogKind.Error, "till-03", "Sync failed");
        Assert.Equal(DigestRunOutcome.Sent, (await f.Runner().RunWindowAsync("shop-12", DigestFixture.DailyWindow(2026, 11, 20))).Outcome);

        // Down from 20 November until the 23rd at noon, then started.
        f.Time.Advance(DigestFixture.MadridTime(2026, 11, 23, 12) - f.Time.GetUtcNow());
        var scheduler = await StartAsync(f);
        try
        {
            var caughtUp = (await RunsAsync(f)).Where(r => r.Trigger == DigestTrigger.CatchUp).ToArray();
            Assert.Equal(caughtUpDays, caughtUp.Select(r => TimeZoneInfo.ConvertTime(r.Key.WindowEnd, DigestFixture.Madrid).Day).Order());
            Assert.All(caughtUp, r => Assert.Equal(DigestRunStatus.Sent, r.Status));
            Assert.Equal(1 + caughtUpDays.Length, f.Notifier.Messages.Count);

            // Whatever the catch-up, the next send time is kept.
            await AdvanceToAsync(f, DigestFixture.MadridTime(2026, 11, 24, 8));
            Assert.Contains(await RunsAsync(f), r => r.Key.Window == DigestFixture.DailyWindow(2026, 11, 24) && r.Status == DigestRunStatus.Sent);
            Assert.Equal(2 + caughtUpDays.Length, f.Notifier.Messages.Count);
        }
        finally
        {
            await scheduler.StopAsync(CancellationToken.None);
            scheduler.Dispose();
        }
    }

    [Theory]
    [InlineData(4, 5, DigestRunStatus.BelowThreshold, 0)]
    [InlineData(5, 5, DigestRunStatus.Sent, 1)]
    [InlineData(0, 1, DigestRunStatus.BelowThreshold, 0)]
    public async Task Scheduler_AtSendTime_AppliesTheThreshold(int errors, int threshold, DigestRunStatus expected, int messages)
    {
        var f = new DigestFixture(DigestFixture.MadridTime(2026, 11, 22, 20));
        await f.SaveAsync(DigestFixture.Subscription(threshold: threshold));
        f.Logs.AddMany(errors, DigestFixture.MadridTime(2026, 11, 22, 9), TimeSpan.FromHours(1), LogKind.Retry, "till-01", "Retrying save of ticket <*>");
        var scheduler = await StartAsync(f);
        try
        {
            await AdvanceToAsync(f, DigestFixture.MadridTime(2026, 11, 23, 8));

            var run = Assert.Single(await RunsAsync(f));
            Assert.Equal(expected, run.Status);
            Assert.Equal(errors, run.Count);
            Assert.Equal(messages, f.Notifier.Messages.Count);
        }
        finally
        {
            await scheduler.StopAsync(CancellationToken.None);
            scheduler.Dispose();
        }
    }

    [Fact]
    public async Task Scheduler_SubscriptionInTestMode_SendsATestEveryDayThatIsNotTheWindowsDigest()
    {
        var f = new DigestFixture(DigestFixture.MadridTime(2026, 11, 22, 20));
        await f.SaveAsync(DigestFixture.Subscription(threshold: 5, test: true));
        var scheduler = await StartAsync(f);
        try
        {
            await AdvanceToAsync(f, DigestFixture.MadridTime(2026, 11, 23, 8));
            await AdvanceToAsync(f, DigestFixture.MadridTime(2026, 11, 23, 9));

            var run = Assert.Single(await RunsAsync(f));
            Assert.True(run.Key.IsTest);
            Assert.Equal(DigestRunStatus.Sent, run.Status);
            Assert.Equal(0, run.Count);
            Assert.StartsWith("[TEST] ", Assert.Single(f.Notifier.Messages).Subject);
            Assert.Empty(await f.Store.QueryRunsAsync(new DigestRunQuery { IncludeTests = false }, CancellationToken.None));
        }
        finally
        {
            await scheduler.StopAsync(CancellationToken.None);
            scheduler.Dispose();
        }
    }

    [Fact]
    public async Task Scheduler_TwoHostsOnTheSameStore_SendOneDigestPerWindow()
    {
        var f = new DigestFixture(DigestFixture.MadridTime(2026, 11, 22, 20));
        await f.SaveAsync(DigestFixture.Subscription(threshold: 1));
        f.Logs.AddMany(24 * 4, DigestFixture.MadridTime(2026, 11, 22, 9), TimeSpan.FromHours(1), LogKind.Fail, "till-01", "Print job <*> failed");
        f.Notifier.BeforeSend = () => Task.Delay(20);
        var a = f.Scheduler(f.Runner("host-a"), "host-a");
        var b = f.Scheduler(f.Runner("host-b"), "host-b");
        await a.StartAsync(CancellationToken.None);
        await b.StartAsync(CancellationToken.None);
        try
        {
            await f.Time.WaitForTimersAsync(2); // both parked
            for (var day = 23; day <= 25; day++)
            {
                await AdvanceToAsync(f, DigestFixture.MadridTime(2026, 11, day, 8), schedulers: 2);
            }

            var runs = await RunsAsync(f);
            Assert.Equal(3, runs.Count);
            Assert.All(runs, r => Assert.Equal(DigestRunStatus.Sent, r.Status));
            Assert.Equal(3, f.Notifier.Messages.Count);
            Assert.Equal(3, f.Notifier.Messages.Select(m => m.IdempotencyKey).Distinct().Count());
        }
        finally
        {
            await a.StopAsync(CancellationToken.None);
            await b.StopAsync(CancellationToken.None);
            a.Dispose();
            b.Dispose();
        }
    }

    [Fact]
    public async Task Scheduler_SubscriptionAddedWhileRunning_IsSentAtItsNextSendTimeInItsOwnZone()
    {
        var f = new DigestFixture(new DateTimeOffset(2026, 11, 22, 20, 0, 0, TimeSpan.Zero));
        var scheduler = await StartAsync(f);
        try
        {
            await f.SaveAsync(DigestFixture.Subscription(threshold: 1) with { TimeZone = "America/New_York", SendTime = new TimeOnly(6, 30) });
            f.Logs.AddMany(10, new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1), LogKind.Offline, "till-01", "Printer KITCHEN is offline");
            var sendAt = new DateTimeOffset(2026, 11, 23, 11, 30, 0, TimeSpan.Zero); // 06:30 EST

            await AdvanceToAsync(f, f.Time.GetUtcNow().AddMinutes(1)); // the poll that notices it
            await AdvanceToAsync(f, sendAt.AddSeconds(-1));
            Assert.Empty(await RunsAsync(f));
            await AdvanceToAsync(f, sendAt);

            var run = Assert.Single(await RunsAsync(f));
            Assert.Equal(sendAt, run.Key.WindowEnd);
            Assert.Equal(DigestRunStatus.Sent, run.Status);
        }
        finally
        {
            await scheduler.StopAsync(CancellationToken.None);
            scheduler.Dispose();
        }
    }

    [Fact]
    public async Task Scheduler_PassFails_TriesAgainAtTheNextPoll()
    {
        var f = new DigestFixture(new DateTimeOffset(2026, 11, 22, 20, 0, 0, TimeSpan.Zero));
        var runner = Substitute.For<IDigestRunner>();
        var calls = 0;
#pragma warning disable CA2012 // NSubstitute configures a ValueTask-returning member without consuming the ValueTask
        runner.RunDueAsync(default, default).ReturnsForAnyArgs(_ => ++calls == 1
            ? ValueTask.FromException<IReadOnlyList<DigestRunResult>>(new InvalidOperationException("the log store is down"))
            : ValueTask.FromResult<IReadOnlyList<DigestRunResult>>([]));
#pragma warning restore CA2012
        var scheduler = f.Scheduler(runner);
        await scheduler.StartAsync(CancellationToken.None);
        try
        {
            await f.Time.WaitForTimersAsync(1);
            await AdvanceToAsync(f, f.Time.GetUtcNow() + new DigestOptions().PollInterval);

            Assert.Equal(2, calls);
        }
        finally
        {
            await scheduler.StopAsync(CancellationToken.None);
            scheduler.Dispose();
        }
    }
}
