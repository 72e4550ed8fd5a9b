using PosFleet.Sync.Configurations;

namespace PosFleet.Core.Tests.Sync.Configurations;

public sealed class TerminalConfigurationTests
{
    [Fact]
    public async Task SetAsync_Twice_VersionGrowsAndDesiredDiffersFromReportedUntilReported()
    {
        var store = new InMemoryTerminalConfigurationStore();
        await store.SetAsync("till-1", new Dictionary<string, string> { ["a"] = "1" }, null, CancellationToken.None);
        var second = await store.SetAsync("till-1", new Dictionary<string, string> { ["a"] = "2" }, TimeSpan.FromMinutes(5), CancellationToken.None);
        await store.ReportAsync("till-1", 1, DateTimeOffset.UnixEpoch, CancellationToken.None);
        var behind = Assert.Single(await store.ListAsync(CancellationToken.None));
        await store.ReportAsync("till-1", 2, DateTimeOffset.UnixEpoch, CancellationToken.None);

        Assert.Equal(2, second.Version);
        Assert.False(behind.IsCurrent);
        Assert.True(Assert.Single(await store.ListAsync(CancellationToken.None)).IsCurrent);
    }

    [Fact]
    public void Apply_OlderOrSameVersion_Ignored()
    {
        using var source = new TerminalConfigurationSource();
        var changes = 0;
        source.Changed += (_, _) => changes++;

        Assert.True(source.Apply(new TerminalConfiguration { Version = 2 }));
        Assert.False(source.Apply(new TerminalConfiguration { Version = 2 }));
        Assert.False(source.Apply(new TerminalConfiguration { Version = 1 }));
        Assert.Equal(2, source.Current!.Version);
        Assert.Equal(1, changes);
    }
}
