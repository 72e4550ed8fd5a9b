using System.Text.Json;
using PosFleet.Sync.Outbox;
using PosFleet.Updates;

namespace PosFleet.Tests.Updates;

/// <summary>An installer that stops the application to replace it: the outcome is read at the next start, and the package is not installed again.</summary>
public sealed class PackageInstallerRestartTests : IAsyncDisposable
{
    private readonly PackageFleet _fleet = new();

    public ValueTask DisposeAsync() => _fleet.DisposeAsync();

    private async Task<Till> TillOn345Async()
    {
        await _fleet.PublishAsync("34.5");
        await _fleet.PublishAsync("35.0");
        await _fleet.TargetAsync("34.5");
        var till = await _fleet.TillAsync("till-01");
        await till.SyncAsync(); // 34.5 installed by the updater; the application not restarted yet
        await _fleet.TargetAsync("35.0");
        return till;
    }

    [Fact]
    public async Task Sync_InstallerStopsTheProcessAndItRestartsOnTheNewVersion_ReportsInstalledAndDoesNotInstallAgain()
    {
        var till = await TillOn345Async();

        await till.SyncUntilTheInstallerStopsTheProcessAsync(restartedOn: "35.0");
        await till.SyncAsync();
        await till.SyncAsync();

        Assert.Equal(["34.5", "35.0"], till.Installer.Installed.Select(i => i.Version));
        var status = await _fleet.Store.GetTerminalAsync("ACME", "till-01", "pos", default);
        Assert.Equal(("35.0", "35.0", PackageOutcome.Installed), (status!.InstalledVersion, status.LastResult!.Version, status.LastResult.Outcome));
        Assert.Equal(1, (await _fleet.Catalog.GetRolloutAsync("ACME"))!.Installed);
    }

    [Fact]
    public async Task Sync_InstallerStopsTheProcessAndItRestartsOnTheOldVersion_ReportsFailedAndDoesNotInstallAgain()
    {
        var till = await TillOn345Async();

        await till.SyncUntilTheInstallerStopsTheProcessAsync(restartedOn: "34.0");
        await till.SyncAsync();
        await till.SyncAsync();

        Assert.Equal(["34.5", "35.0"], till.Installer.Installed.Select(i => i.Version));
        var status = await _fleet.Store.GetTerminalAsync("ACME", "till-01", "pos", default);
        Assert.Equal(("34.5", "35.0", PackageOutcome.Failed), (status!.InstalledVersion, status.LastResult!.Version, status.LastResult.Outcome));
        Assert.Contains("restarted on 34.0", status.LastResult.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_InstallerStopsTheProcess_TheOutboxBatchWasAcknowledgedBefore()
    {
        await _fleet.PublishAsync("35.0");
        await _fleet.TargetAsync("35.0");
        var till = await _fleet.TillAsync("till-01");
        var outbox = till.Outbox;
        using var payload = JsonDocument.Parse("""{"ticket":1}""");
        await outbox.EnqueueAsync(OutboxMessage.Create("ticket", payload.RootElement, _fleet.Clock), default);

        await till.SyncUntilTheInstallerStopsTheProcessAsync(restartedOn: "35.0");

        // The back office answered the ticket in the exchange that brought the offer: it left the outbox before the installer ran.
        Assert.Equal(0, await outbox.CountAsync(default));
        Assert.Equal(["35.0"], till.Installer.Installed.Select(i => i.Version));
    }
}
