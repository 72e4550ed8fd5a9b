using PosFleet.Sync.Configurations;
using Xunit;

namespace PosFleet.Testing.Sync;

/// <summary>
/// What every <see cref="ITerminalConfigurationStore"/> must do, whatever keeps it (memory, SQLite, PostgreSQL):
/// derive from this class and return a new, empty store from <see cref="CreateStoreAsync"/>. Versions grow by one per
/// change and per terminal; what a terminal reports stays apart from what is desired, as device twins keep them.
/// </summary>
public abstract class TerminalConfigurationStoreConformanceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A new, empty store.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<ITerminalConfigurationStore> CreateStoreAsync();

    /// <summary>Each change adds one to the terminal's version, and the settings and interval read back.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task SetAsync_Twice_VersionGrowsByOneAndLatestReadsBack()
    {
        var store = await CreateStoreAsync();

        var first = await store.SetAsync("till-1", new Dictionary<string, string> { ["shop"] = "a" }, TimeSpan.FromMinutes(1), default);
        var second = await store.SetAsync("till-1", new Dictionary<string, string> { ["shop"] = "b", ["é"] = "ü" }, null, default);
        var other = await store.SetAsync("till-2", new Dictionary<string, string>(), TimeSpan.FromSeconds(30), default);
        var read = await store.GetDesiredAsync("till-1", default);

        Assert.Equal([1L, 2L, 1L], [first.Version, second.Version, other.Version]);
        Assert.NotNull(read);
        Assert.Equal(2, read.Version);
        Assert.Null(read.SyncInterval);
        Assert.Equal("b", read.Settings["shop"]);
        Assert.Equal("ü", read.Settings["é"]);
        Assert.Equal(TimeSpan.FromSeconds(30), (await store.GetDesiredAsync("till-2", default))!.SyncInterval);
        Assert.Null(await store.GetDesiredAsync("till-3", default));
    }

    /// <summary>Desired versus reported: a terminal behind until it reports the desired version.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ReportAsync_OlderThenDesiredVersion_StateBehindThenCurrent()
    {
        var store = await CreateStoreAsync();
        await store.SetAsync("till-1", new Dictionary<string, string>(), null, default);
        await store.SetAsync("till-1", new Dictionary<string, string>(), null, default);
        var unreported = Assert.Single(await store.ListAsync(default));

        await store.ReportAsync("till-1", 1, Now, default);
        var behind = Assert.Single(await store.ListAsync(default));
        await store.ReportAsync("till-1", 2, Now.AddMinutes(1), default);
        var current = Assert.Single(await store.ListAsync(default));

        Assert.Null(unreported.ReportedVersion);
        Assert.False(behind.IsCurrent);
        Assert.Equal(1, behind.ReportedVersion);
        Assert.Equal(Now, behind.ReportedAt);
        Assert.True(current.IsCurrent);
        Assert.Equal(Now.AddMinutes(1), current.ReportedAt);
    }

    /// <summary>The list holds every terminal with a configuration, by terminal id.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ListAsync_SeveralTerminals_OrderedByTerminalId()
    {
        var store = await CreateStoreAsync();
        await store.SetAsync("till-2", new Dictionary<string, string>(), null, default);
        await store.SetAsync("till-1", new Dictionary<string, string>(), null, default);

        Assert.Equal(["till-1", "till-2"], (await store.ListAsync(default)).Select(s => s.TerminalId));
    }
}
