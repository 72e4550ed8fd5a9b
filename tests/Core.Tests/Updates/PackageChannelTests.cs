using PosFleet.Updates;

namespace PosFleet.Tests.Updates;

/// <summary>Channels: a till installs only releases of the channel it follows ("stable" unless set).</summary>
public sealed class PackageChannelTests : IAsyncDisposable
{
    private readonly PackageFleet _fleet = new();

    public ValueTask DisposeAsync() => _fleet.DisposeAsync();

    [Fact]
    public async Task Sync_TargetOnBetaChannel_OnlyTheBetaTillInstallsIt()
    {
        var beta = await _fleet.PublishAsync("35.1", channel: "beta");
        await _fleet.TargetAsync("35.1");
        var stableTill = await _fleet.TillAsync("till-01");
        var betaTill = await _fleet.TillAsync("till-02", configure: o => o.Channel = "beta");

        for (var i = 0; i < 3; i++)
        {
            await stableTill.SyncAsync();
            await betaTill.SyncAsync();
        }

        Assert.Empty(stableTill.Installer.Installed);
        Assert.Equal([(beta.Version, beta.Sha256)], betaTill.Installer.Installed);
        Assert.NotEqual("35.1", await _fleet.Query.GetInstalledVersionAsync("ACME", "till-01"));
        Assert.Equal("35.1", await _fleet.Query.GetInstalledVersionAsync("ACME", "till-02"));
    }
}
