using PosFleet.Actions;
using Xunit;

namespace PosFleet.Testing.Actions;

/// <summary>Actions past their time to live: expired by the back office's sweep whether their terminal exchanges or not, and never collapsed into.</summary>
public abstract partial class RemoteActionStoreConformanceTests
{
    /// <summary>Pending and Delivered actions past their time to live become Expired, with the sweep's time in their history; Running ones and those within it are left.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Expire_PendingOrDeliveredPastTheirTimeToLive_ExpiredOthersLeft()
    {
        var store = await CreateStoreAsync();
        var pending = (await store.AddAsync(Action("till-01", "a"), default)).Action;
        var delivered = (await store.AddAsync(Action("till-02", "b"), default)).Action;
        var running = (await store.AddAsync(Action("till-03", "c"), default)).Action;
        var within = (await store.AddAsync(Action("till-04", "d") with { ExpiresAt = Now.AddDays(3) }, default)).Action;
        await store.DeliverAsync("ACME", "till-02", Now.AddMinutes(1), 10, default);
        await store.DeliverAsync("ACME", "till-03", Now.AddMinutes(1), 10, default);
        await store.RecordAsync("ACME", "till-03", Report(running, RemoteActionState.Running), 1024, default);

        var expired = await store.ExpireAsync(Now.AddDays(2), default);
        var again = await store.ExpireAsync(Now.AddDays(2), default);

        Assert.Equal(2L, expired);
        Assert.Equal(0L, again);
        foreach (var id in new[] { pending.Id, delivered.Id })
        {
            var read = await store.GetAsync("ACME", id, default);
            Assert.Equal(RemoteActionState.Expired, read!.State);
            Assert.Equal((RemoteActionState.Expired, Now.AddDays(2)), (read.History[^1].State, read.History[^1].At));
            Assert.Single(read.History, h => h.State == RemoteActionState.Expired);
            Assert.Contains("time to live ended", read.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(RemoteActionState.Running, (await store.GetAsync("ACME", running.Id, default))!.State);
        Assert.Equal(RemoteActionState.Pending, (await store.GetAsync("ACME", within.Id, default))!.State);
        Assert.Empty(await store.DeliverAsync("ACME", "till-02", Now.AddDays(2), 10, default));
    }

    /// <summary>An identical action past its time to live (not swept yet) is not collapsed into: the new one is queued, and a third collapses into it.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Add_IdenticalToOnePastItsTimeToLive_QueuedAnew()
    {
        var store = await CreateStoreAsync();
        var first = (await store.AddAsync(Action(), default)).Action;

        var second = await store.AddAsync(Action(at: Now.AddDays(2)), default);
        var third = await store.AddAsync(Action(at: Now.AddDays(2).AddMinutes(1)), default);

        Assert.False(second.Collapsed);
        Assert.NotEqual(first.Id, second.Action.Id);
        Assert.True(third.Collapsed);
        Assert.Equal(second.Action.Id, third.Action.Id);
    }
}
