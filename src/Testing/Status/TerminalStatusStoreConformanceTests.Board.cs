using PosFleet.Status;
using Xunit;

namespace PosFleet.Testing.Status;

public abstract partial class TerminalStatusStoreConformanceTests
{
    /// <summary>Red when the last exchange failed (even when also silent and behind), grey when silent past 3 intervals, yellow when behind, green otherwise.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Query_Health_RedBeforeGreyBeforeYellow()
    {
        var store = await CreateStoreAsync();
        await RecordAsync(
            store,
            Status("red", version: "30", minutesAgo: 60, error: "TLS handshake failed"),
            Status("grey", version: "30", minutesAgo: 3.5),
            Status("yellow", version: "34.9", minutesAgo: 2.5),
            Status("green", version: "35.0", minutesAgo: 0),
            Status("slow", version: "35", minutesAgo: 20) with { SyncInterval = TimeSpan.FromMinutes(10) },
            Status("default", version: "35", minutesAgo: 2) with { SyncInterval = null });

        var rows = await AllAsync(store, new StatusBoardQuery { Sort = StatusBoardSort.Terminal }, Rules(("ACME", "35")));

        Assert.Equal(
            ["default:Green", "green:Green", "grey:Grey", "red:Red", "slow:Green", "yellow:Yellow"],
            rows.Select(r => $"{r.Status.TerminalId}:{r.Health}"));
        Assert.All(rows, r => Assert.Equal("35", r.TargetVersion));
        Assert.Equal("TLS handshake failed", rows.Single(r => r.Health == TerminalHealth.Red).Status.LastSyncError);
    }

    /// <summary>Versions compare as versions: 34.10 is after 34.9, 100 after 35; an unreadable version is behind; no target, never yellow.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Query_TargetVersion_ComparedAsVersions()
    {
        var store = await CreateStoreAsync();
        await RecordAsync(
            store,
            Status("a", version: "34.10"), Status("b", version: "34.9"), Status("c", version: "100"),
            Status("d", version: "beta"), Status("e", version: "34.10.0-rc1"), Status("f", "OTHER", version: "1"));

        var rows = await AllAsync(store, new StatusBoardQuery { Sort = StatusBoardSort.Terminal }, Rules(("ACME", "34.10")));

        Assert.Equal(["a:Green", "b:Yellow", "c:Green", "d:Yellow", "e:Green", "f:Green"], rows.Select(r => $"{r.Status.TerminalId}:{r.Health}"));
        Assert.Null(rows.Single(r => r.Status.TerminalId == "f").TargetVersion);
    }

    /// <summary>"Most recent update within", "do not show successfully synced", health and text filter, and combine.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Query_Filters_EachAndTogether()
    {
        var store = await CreateStoreAsync();
        await RecordAsync(
            store,
            Status("till-01", minutesAgo: 30, error: "Connection REFUSED by host"),
            Status("till-02", minutesAgo: 0.5, error: "timeout"),
            Status("till-03", minutesAgo: 0.5),
            Status("kiosk-04", version: "34", minutesAgo: 90));
        var rules = Rules(("ACME", "35"));

        async Task<string[]> Ids(StatusBoardQuery q) => (await AllAsync(store, q with { Sort = StatusBoardSort.Terminal }, rules)).Select(r => r.Status.TerminalId).ToArray();

        Assert.Equal(["till-02", "till-03"], await Ids(new() { UpdatedWithin = TimeSpan.FromMinutes(1) }));
        Assert.Equal(["till-01", "till-02", "till-03"], await Ids(new() { UpdatedWithin = TimeSpan.FromHours(1) }));
        Assert.Equal(["till-01", "till-02"], await Ids(new() { HideSynced = true }));
        Assert.Equal(["kiosk-04", "till-03"], await Ids(new() { Health = [TerminalHealth.Grey, TerminalHealth.Green] }));
        Assert.Equal(["till-01"], await Ids(new() { Text = "refused" }));
        Assert.Equal(["kiosk-04"], await Ids(new() { Text = "KIOSK" }));
        Assert.Equal(["till-02"], await Ids(new() { HideSynced = true, UpdatedWithin = TimeSpan.FromMinutes(5) }));
        Assert.Empty(await Ids(new() { Text = "nothing like it" }));
    }

    /// <summary>A viewer sees only their organizations; naming another, or holding none, returns nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Query_OrganizationOutsideAccess_ReturnsNothing()
    {
        var store = await CreateStoreAsync();
        await RecordAsync(store, Status("a1", "ACME"), Status("b1", "BRAVO"), Status("c1", "CHARLIE", error: "down"));
        var access = StatusBoardAccess.To(["ACME", "BRAVO"]);

        var mine = await AllAsync(store, new StatusBoardQuery(), access: access);
        var other = await AllAsync(store, new StatusBoardQuery { Organization = "CHARLIE" }, access: access);
        var otherErrors = await AllAsync(store, new StatusBoardQuery { Organization = "CHARLIE", HideSynced = true, Text = "down" }, access: access);
        var none = await AllAsync(store, new StatusBoardQuery(), access: StatusBoardAccess.To([]));
        var one = await AllAsync(store, new StatusBoardQuery { Organization = "BRAVO" }, access: access);

        Assert.Equal(["a1", "b1"], mine.Select(r => r.Status.TerminalId));
        Assert.Empty(other);
        Assert.Empty(otherErrors);
        Assert.Empty(none);
        Assert.Equal(["b1"], one.Select(r => r.Status.TerminalId));
    }

    /// <summary>Every sort pages through every row once, in the sort's order, whatever the page size.</summary>
    /// <param name="sort">The sort.</param>
    /// <returns>A task.</returns>
    [Theory]
    [InlineData(StatusBoardSort.Organization)]
    [InlineData(StatusBoardSort.Terminal)]
    [InlineData(StatusBoardSort.LastHeard)]
    [InlineData(StatusBoardSort.Health)]
    public async Task Query_Pages_EveryRowOnceInOrder(StatusBoardSort sort)
    {
        var store = await CreateStoreAsync();
        var organizations = new[] { "ACME", "BRAVO", "CHARLIE" };
        for (var i = 0; i < 23; i++)
        {
            await RecordAsync(store, Status($"t{i:D2}", organizations[i % 3], version: i % 4 == 0 ? "34" : "35", minutesAgo: i % 5, error: i % 6 == 0 ? "e" : null));
        }

        var rules = Rules(("ACME", "35"), ("BRAVO", "35"));
        var all = await AllAsync(store, new StatusBoardQuery { Sort = sort }, rules);
        var paged = new List<StatusBoardRow>();
        string? after = null;
        do
        {
            var page = await store.QueryAsync(StatusBoardAccess.Everything, new StatusBoardQuery { Sort = sort, Limit = 4, After = after }, rules, default);
            Assert.True(page.Rows.Count <= 4);
            paged.AddRange(page.Rows);
            after = page.Next;
        }
        while (after is not null);

        Assert.Equal(23, all.Count);
        Assert.Equal(all, paged);
        var expected = sort switch
        {
            StatusBoardSort.Organization => all.OrderBy(r => r.Status.Organization, StringComparer.Ordinal).ThenBy(r => r.Status.TerminalId, StringComparer.Ordinal),
            StatusBoardSort.LastHeard => all.OrderByDescending(r => r.Status.ReceivedAt).ThenBy(r => r.Status.TerminalId, StringComparer.Ordinal),
            StatusBoardSort.Health => all.OrderByDescending(r => r.Health).ThenBy(r => r.Status.Organization, StringComparer.Ordinal).ThenBy(r => r.Status.TerminalId, StringComparer.Ordinal),
            _ => all.OrderBy(r => r.Status.TerminalId, StringComparer.Ordinal),
        };
        Assert.Equal(expected.Select(r => r.Status.TerminalId), all.Select(r => r.Status.TerminalId));
        Assert.Contains(all, r => r.Health == TerminalHealth.Yellow);
        Assert.Contains(all, r => r.Health == TerminalHealth.Red);
    }
}
