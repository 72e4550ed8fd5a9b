using PosFleet.Updates;
using Xunit;

namespace PosFleet.Testing.Updates;

/// <summary>What every <see cref="ITerminalPackageStateStore"/> must do: derive from this class and return a new, empty store from <see cref="CreateStoreAsync"/>.</summary>
public abstract class TerminalPackageStateStoreConformanceTests
{
    /// <summary>A new, empty store.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<ITerminalPackageStateStore> CreateStoreAsync();

    /// <summary>The state of a package is replaced whole and read back field for field; other packages apart.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task SaveAsync_Twice_LatestReadsBackPerPackage()
    {
        var store = await CreateStoreAsync();
        var empty = await store.GetAsync("pos", default);
        await store.SaveAsync(new TerminalPackageState { PackageId = "pos", Confirmed = true }, default);
        var state = new TerminalPackageState
        {
            PackageId = "pos",
            InstalledVersion = "35.0",
            InstalledAt = new DateTimeOffset(2026, 11, 30, 9, 0, 1, TimeSpan.Zero),
            Confirmed = true,
            InstallingVersion = "36.0",
            LastResult = new PackageResult { Version = "35.0", Outcome = PackageOutcome.Installed, Detail = "ok ü", At = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero) },
        };
        await store.SaveAsync(state, default);
        await store.SaveAsync(new TerminalPackageState { PackageId = "agent" }, default);

        Assert.Null(empty);
        Assert.Equal(state, await store.GetAsync("pos", default));
        Assert.Equal(new TerminalPackageState { PackageId = "agent" }, await store.GetAsync("agent", default));
    }
}
