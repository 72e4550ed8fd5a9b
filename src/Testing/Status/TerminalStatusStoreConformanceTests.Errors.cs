using PosFleet.Status;
using Xunit;

namespace PosFleet.Testing.Status;

public abstract partial class TerminalStatusStoreConformanceTests
{
    private static async Task<IReadOnlyList<SyncErrorRecord>> ErrorsAsync(ITerminalStatusStore store, string terminal, StatusBoardAccess? access = null, string? organization = null) =>
        (await store.ListErrorsAsync(access ?? StatusBoardAccess.Everything, new SyncErrorQuery { TerminalId = terminal, Organization = organization, Limit = 1000 }, default)).Errors;

    /// <summary>Errors are kept newest first, cut to the newest per terminal; a heartbeat without one adds none.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Record_ErrorsPastMaximum_KeepsNewestFirst()
    {
        var store = await CreateStoreAsync();
        for (var i = 5; i >= 1; i--)
        {
            await store.RecordAsync(Status("till-01", minutesAgo: i, error: $"timeout {i}"), 3, default);
        }

        await store.RecordAsync(Status("till-01", minutesAgo: 0), 3, default);
        await store.RecordAsync(Status("till-02", minutesAgo: 0, error: "refused"), 3, default);

        var errors = await ErrorsAsync(store, "till-01");
        Assert.Equal(["timeout 1", "timeout 2", "timeout 3"], errors.Select(e => e.Error));
        Assert.Equal(Now.AddMinutes(-1), errors[0].ReceivedAt);
        Assert.Equal("ACME", errors[0].Organization);
        Assert.Single(await ErrorsAsync(store, "till-02"));
        Assert.Equal(2, (await store.ListErrorsAsync(StatusBoardAccess.Everything, new SyncErrorQuery { TerminalId = "till-01", Limit = 2 }, default)).Errors.Count);
    }

    /// <summary>Purging deletes the errors received before the instant and nothing else; statuses stay.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task PurgeErrors_OlderThan_DeletesOnlyThose()
    {
        var store = await CreateStoreAsync();
        await RecordAsync(store, Status("till-01", minutesAgo: 90, error: "old"), Status("till-01", minutesAgo: 10, error: "recent"));

        var deleted = await store.PurgeErrorsAsync(Now.AddHours(-1), default);

        Assert.Equal(1, deleted);
        Assert.Equal(["recent"], (await ErrorsAsync(store, "till-01")).Select(e => e.Error));
        Assert.NotNull(await store.GetAsync("till-01", default));
    }

    /// <summary>Pages of a terminal's errors hold each error once, newest first, errors of one instant in the order recorded (newest first), and the last page says so.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ListErrors_Pages_EveryErrorOnceNewestFirst()
    {
        var store = await CreateStoreAsync();
        for (var i = 6; i >= 1; i--)
        {
            await RecordAsync(store, Status("till-01", minutesAgo: i, error: $"error {i}"));
        }

        // Two heartbeats of one instant (a retry answered in the same tick): the one recorded last comes first.
        await RecordAsync(store, Status("till-01", minutesAgo: 3, error: "error 3b"), Status("till-02", minutesAgo: 0, error: "other terminal"));

        var seen = new List<string>();
        var pages = 0;
        string? after = null;
        do
        {
            var page = await store.ListErrorsAsync(StatusBoardAccess.Everything, new SyncErrorQuery { TerminalId = "till-01", Limit = 3, After = after }, default);
            Assert.True(page.Errors.Count is > 0 and <= 3);
            seen.AddRange(page.Errors.Select(e => e.Error));
            after = page.Next;
            pages++;
        }
        while (after is not null && pages < 10);

        Assert.Equal(["error 1", "error 2", "error 3b", "error 3", "error 4", "error 5", "error 6"], seen);
        Assert.Equal(3, pages);
    }

    /// <summary>
    /// A viewer of another organization reads nothing of a terminal's errors, by its id or by naming its organization;
    /// a terminal that moved keeps each error with the organization it was recorded for.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ListErrors_AnotherOrganizationsTerminal_ReturnsNothing()
    {
        var store = await CreateStoreAsync();
        await RecordAsync(
            store,
            Status("till-01", "ACME", minutesAgo: 3, error: "acme secret"),
            Status("till-01", "BRAVO", minutesAgo: 1, error: "after the move"),
            Status("till-09", "ACME", minutesAgo: 2, error: "acme only"));
        var bravo = StatusBoardAccess.To(["BRAVO"]);

        Assert.Empty(await ErrorsAsync(store, "till-09", bravo));
        Assert.Empty(await ErrorsAsync(store, "till-09", bravo, organization: "ACME"));
        Assert.Equal(["after the move"], (await ErrorsAsync(store, "till-01", bravo)).Select(e => e.Error));
        Assert.Equal(["acme secret"], (await ErrorsAsync(store, "till-01", StatusBoardAccess.To(["ACME"]))).Select(e => e.Error));
        Assert.Equal(["acme secret"], (await ErrorsAsync(store, "till-01", organization: "ACME")).Select(e => e.Error));
        Assert.Empty(await ErrorsAsync(store, "till-01", StatusBoardAccess.To([])));
        Assert.Equal(2, (await ErrorsAsync(store, "till-01")).Count);
    }
}
