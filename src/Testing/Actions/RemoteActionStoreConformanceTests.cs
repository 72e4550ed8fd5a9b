using PosFleet.Actions;
using Xunit;

namespace PosFleet.Testing.Actions;

/// <summary>
/// What every <see cref="IRemoteActionStore"/> must do: derive from this class and return a new, empty store from
/// <see cref="CreateStoreAsync"/>. Identical pending actions collapse, each state change is kept with its time, a
/// terminal only ever receives and reports on its own actions, an outcome is recorded once, uploads resume, and lists
/// page newest first.
/// </summary>
public abstract partial class RemoteActionStoreConformanceTests
{
    /// <summary>The instant the tests' actions are queued.</summary>
    protected static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 15, 0, TimeSpan.Zero);

    /// <summary>A new, empty store.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<IRemoteActionStore> CreateStoreAsync();

    /// <summary>A pending action for <paramref name="terminal"/> of ACME.</summary>
    /// <param name="terminal">The terminal.</param>
    /// <param name="name">The action's name.</param>
    /// <param name="at">When it is queued.</param>
    /// <param name="parameters">Its parameters.</param>
    /// <returns>The action.</returns>
    protected static RemoteAction Action(string terminal = "till-01", string name = "clear-cache", DateTimeOffset? at = null, Dictionary<string, string>? parameters = null) => new()
    {
        Id = Guid.NewGuid(),
        Organization = "ACME",
        TerminalId = terminal,
        Name = name,
        Parameters = parameters ?? [],
        State = RemoteActionState.Pending,
        CreatedAt = at ?? Now,
        ExpiresAt = (at ?? Now).AddDays(1),
        Timeout = TimeSpan.FromMinutes(5),
        MaxAttempts = 3,
    };

    /// <summary>A report of <paramref name="state"/> on <paramref name="action"/>.</summary>
    /// <param name="action">The action.</param>
    /// <param name="state">The state reported.</param>
    /// <param name="attempt">The attempt.</param>
    /// <returns>The report.</returns>
    protected static RemoteActionReport Report(RemoteAction action, RemoteActionState state, int attempt = 1) => new()
    {
        Id = Guid.NewGuid(),
        ActionId = action.Id,
        State = state,
        At = Now.AddMinutes(attempt),
        Attempt = attempt,
        Detail = $"{state} {attempt}",
    };

    /// <summary>A new action is Pending, with that state and its time in its history.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Add_New_IsPendingWithItsTime()
    {
        var store = await CreateStoreAsync();
        var action = Action(parameters: new() { ["mode"] = "simple" });

        var queued = await store.AddAsync(action, default);
        var read = await store.GetAsync("ACME", action.Id, default);

        Assert.False(queued.Collapsed);
        Assert.NotNull(read);
        Assert.Equal(RemoteActionState.Pending, read.State);
        Assert.Equal("simple", read.Parameters["mode"]);
        Assert.Equal([new RemoteActionTransition(RemoteActionState.Pending, Now)], read.History);
    }

    /// <summary>Two clicks on the same action while the first is still pending run once.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Add_IdenticalWhilePending_CollapsesIntoTheFirst()
    {
        var store = await CreateStoreAsync();
        var first = await store.AddAsync(Action(parameters: new() { ["a"] = "1", ["b"] = "2" }), default);

        var second = await store.AddAsync(Action(at: Now.AddSeconds(1), parameters: new() { ["b"] = "2", ["a"] = "1" }), default);
        var other = await store.AddAsync(Action(at: Now.AddSeconds(2), parameters: new() { ["a"] = "1", ["b"] = "3" }), default);
        var page = await store.ListAsync(new RemoteActionQuery { Organization = "ACME" }, default);

        Assert.True(second.Collapsed);
        Assert.Equal(first.Action.Id, second.Action.Id);
        Assert.False(other.Collapsed);
        Assert.Equal(2, page.Actions.Count);
    }

    /// <summary>Once the first has run, the same action again is a new one.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Add_IdenticalAfterItRan_IsNew()
    {
        var store = await CreateStoreAsync();
        var first = (await store.AddAsync(Action(), default)).Action;
        await store.DeliverAsync("ACME", "till-01", Now, 10, default);
        await store.RecordAsync("ACME", "till-01", Report(first, RemoteActionState.Running), 1024, default);

        var again = await store.AddAsync(Action(at: Now.AddMinutes(1)), default);

        Assert.False(again.Collapsed);
        Assert.NotEqual(first.Id, again.Action.Id);
    }

    /// <summary>A pending action is delivered, and delivered again in each exchange until the terminal reports on it.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Deliver_Pending_DeliveredUntilReported()
    {
        var store = await CreateStoreAsync();
        var action = (await store.AddAsync(Action(), default)).Action;

        var first = await store.DeliverAsync("ACME", "till-01", Now.AddMinutes(1), 10, default);
        var again = await store.DeliverAsync("ACME", "till-01", Now.AddMinutes(2), 10, default);
        await store.RecordAsync("ACME", "till-01", Report(action, RemoteActionState.Running), 1024, default);
        var after = await store.DeliverAsync("ACME", "till-01", Now.AddMinutes(3), 10, default);

        Assert.Equal([action.Id], first.Select(a => a.Id));
        Assert.Equal([action.Id], again.Select(a => a.Id));
        Assert.Empty(after);
        var read = await store.GetAsync("ACME", action.Id, default);
        Assert.Equal([RemoteActionState.Pending, RemoteActionState.Delivered, RemoteActionState.Running], read!.History.Select(h => h.State));
        Assert.Equal(Now.AddMinutes(1), read.History[1].At);
    }

    /// <summary>A terminal receives only its own actions, never another terminal's or another organization's.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Deliver_OtherTerminal_ReceivesNothingOfIt()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(Action("till-01"), default);
        await store.AddAsync(Action("till-02") with { Organization = "OTHER" }, default);

        var till2 = await store.DeliverAsync("ACME", "till-02", Now, 10, default);
        var wrongOrganization = await store.DeliverAsync("OTHER", "till-01", Now, 10, default);

        Assert.Empty(till2);
        Assert.Empty(wrongOrganization);
        Assert.Equal(RemoteActionState.Pending, (await store.ListAsync(new RemoteActionQuery { Organization = "ACME" }, default)).Actions.Single().State);
    }

    /// <summary>An action whose time to live passed before the terminal exchanged is Expired, not delivered.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Deliver_PastTimeToLive_Expires()
    {
        var store = await CreateStoreAsync();
        var action = (await store.AddAsync(Action(), default)).Action;

        var delivered = await store.DeliverAsync("ACME", "till-01", Now.AddDays(2), 10, default);
        var read = await store.GetAsync("ACME", action.Id, default);

        Assert.Empty(delivered);
        Assert.Equal(RemoteActionState.Expired, read!.State);
        Assert.Contains("time to live", read.Detail, StringComparison.Ordinal);
        Assert.Equal(Now.AddDays(2), read.History[^1].At);
    }

    /// <summary>A pending action can be canceled; a delivered one no longer.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Cancel_PendingThenDelivered_OnlyTheFirstCanceled()
    {
        var store = await CreateStoreAsync();
        var pending = (await store.AddAsync(Action(name: "a"), default)).Action;
        var delivered = (await store.AddAsync(Action(name: "b"), default)).Action;
        await store.CancelAsync("ACME", pending.Id, Now.AddMinutes(1), "clicked by mistake", default);
        await store.DeliverAsync("ACME", "till-01", Now.AddMinutes(2), 10, default);

        var late = await store.CancelAsync("ACME", delivered.Id, Now.AddMinutes(3), "too late", default);
        var canceled = await store.GetAsync("ACME", pending.Id, default);

        Assert.Equal(RemoteActionState.Canceled, canceled!.State);
        Assert.Equal("clicked by mistake", canceled.History[^1].Detail);
        Assert.Equal(RemoteActionState.Delivered, late!.State);
        Assert.Null(await store.CancelAsync("ACME", Guid.NewGuid(), Now, null, default));
    }

    /// <summary>
    /// A list limit outside 1 to <see cref="RemoteActionQuery.MaxLimit"/> throws <see cref="ArgumentOutOfRangeException"/>
    /// rather than reading a whole fleet's actions (or none) into one page; the limit itself is taken.
    /// </summary>
    /// <param name="limit">The limit asked for.</param>
    /// <returns>A task.</returns>
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(RemoteActionQuery.MaxLimit + 1)]
    [InlineData(int.MaxValue)]
    public async Task List_LimitOutOfRange_Throws(int limit)
    {
        var store = await CreateStoreAsync();
        var action = (await store.AddAsync(Action(), default)).Action;

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.ListAsync(new RemoteActionQuery { Organization = "ACME", Limit = limit }, default));
        var page = await store.ListAsync(new RemoteActionQuery { Organization = "ACME", Limit = RemoteActionQuery.MaxLimit }, default);

        Assert.Equal([action.Id], page.Actions.Select(a => a.Id));
    }
}
