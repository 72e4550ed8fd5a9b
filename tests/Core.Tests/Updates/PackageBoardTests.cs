using PosFleet.Status;
using PosFleet.Updates;

namespace PosFleet.Tests.Updates;

/// <summary>The package target as the status board's target version: a till behind it is yellow until it runs it.</summary>
public sealed class PackageBoardTests : IAsyncDisposable
{
    private readonly PackageFleet _fleet = new();

    public ValueTask DisposeAsync() => _fleet.DisposeAsync();

    private async Task<TerminalHealth> HealthAsync(string terminalId)
    {
        var page = await _fleet.Board.QueryAsync(StatusBoardAccess.Everything, new StatusBoardQuery { Organization = "ACME" });
        return page.Rows.Single(r => r.Status.TerminalId == terminalId).Health;
    }

    [Fact]
    public async Task Board_TillBehindPackageTarget_YellowThenGreenOnceItReportsTheInstalledVersion()
    {
        await _fleet.PublishAsync("35.0");
        var till = await _fleet.TillAsync("till-01");
        var other = await _fleet.TillAsync("till-02", "BRAVO");
        await till.SyncAsync();
        await other.SyncAsync();
        var beforeTarget = await HealthAsync("till-01");

        await _fleet.TargetAsync("35.0");
        await till.SyncAsync();
        await till.SyncAsync();
        var installedNotRestarted = await HealthAsync("till-01");
        await till.RestartAsync("35.0");
        await till.SyncAsync();
        var restarted = await _fleet.Board.QueryAsync(StatusBoardAccess.Everything, new StatusBoardQuery());

        Assert.Equal(TerminalHealth.Green, beforeTarget);
        Assert.Equal([("35.0", till.Installer.Installed.Single().Sha256)], till.Installer.Installed);
        Assert.Equal(TerminalHealth.Yellow, installedNotRestarted);
        var row = restarted.Rows.Single(r => r.Status.TerminalId == "till-01");
        Assert.Equal((TerminalHealth.Green, "35.0", "35.0"), (row.Health, row.Status.ApplicationVersion, row.TargetVersion));
        // BRAVO has no package target: its 34.0 till stays green.
        Assert.Equal(TerminalHealth.Green, restarted.Rows.Single(r => r.Status.TerminalId == "till-02").Health);
    }

    [Fact]
    public async Task Board_LastUpdate_TheLastInstallsTimeOnceThereIsOneAndTheOptionBefore()
    {
        var statedByHost = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        _fleet.AgentLastUpdate = statedByHost;
        await _fleet.PublishAsync("35.0");
        var till = await _fleet.TillAsync("till-01");
        await till.SyncAsync();
        var beforeAnyInstall = await LastUpdateAsync("till-01");

        await _fleet.TargetAsync("35.0");
        _fleet.Clock.Advance(TimeSpan.FromHours(2));
        var installedAt = _fleet.Clock.GetUtcNow();
        await till.SyncAsync(); // the offer comes back and is installed
        _fleet.Clock.Advance(TimeSpan.FromMinutes(5));
        await till.SyncAsync(); // the next heartbeat states it
        var afterInstall = await LastUpdateAsync("till-01");

        Assert.Equal(statedByHost, beforeAnyInstall);
        Assert.Single(till.Installer.Installed);
        Assert.Equal(installedAt, afterInstall);
    }

    [Theory]
    [InlineData("35.0", "35.0.0")]
    [InlineData("35.0.0", "35.0")]
    public async Task Sync_TillOnTheTargetWrittenWithAnotherTrailingZero_GreenAndNotOfferedAgain(string running, string target)
    {
        await _fleet.PublishAsync(target);
        await _fleet.TargetAsync(target);
        var till = await _fleet.TillAsync("till-01");
        await till.RestartAsync(running);

        await till.SyncAsync();
        await till.SyncAsync();

        // The board and the rollout read versions by one rule: the till is done, not offered the version it runs.
        Assert.Empty(till.Installer.Installed);
        Assert.Equal(TerminalHealth.Green, await HealthAsync("till-01"));
        Assert.False(await _fleet.Query.IsBehindTargetAsync("ACME", running));
        var rollout = await _fleet.Catalog.GetRolloutAsync("ACME");
        Assert.Equal(1, rollout!.Installed);
    }

    private async Task<DateTimeOffset?> LastUpdateAsync(string terminalId) =>
        (await _fleet.Board.QueryAsync(StatusBoardAccess.Everything, new StatusBoardQuery())).Rows.Single(r => r.Status.TerminalId == terminalId).Status.LastUpdate;
}
