using PosFleet.Updates;

namespace PosFleet.Tests.Updates;

/// <summary>Staged rollouts, the SHA-256 check and organization isolation, over the in-process transport.</summary>
public sealed class PackageRolloutTests : IAsyncDisposable
{
    private readonly PackageFleet _fleet = new();

    public ValueTask DisposeAsync() => _fleet.DisposeAsync();

    private async Task<List<Till>> TillsAsync(int count, string organization = "ACME")
    {
        var tills = new List<Till>();
        for (var i = 1; i <= count; i++)
        {
            tills.Add(await _fleet.TillAsync($"{organization.ToLowerInvariant()}-till-{i:00}", organization));
        }

        return tills;
    }

    private static async Task SyncAllAsync(IEnumerable<Till> tills)
    {
        foreach (var till in tills)
        {
            await till.SyncAsync();
        }
    }

    [Fact]
    public async Task Sync_FirstStage_OffersOnlyItsShareChosenDeterministicallyThenWidens()
    {
        var tills = await TillsAsync(10);
        await _fleet.PublishAsync("35.0");
        await _fleet.TargetAsync("35.0", "ACME", 20, 100);
        var planned = (await _fleet.Catalog.GetRolloutAsync("ACME"))!.Terminals.Where(t => t.Selected).Select(t => t.TerminalId).ToList();

        await SyncAllAsync(tills);                                    // the first stage installs
        var firstStage = tills.Where(t => t.Installer.Installed.Count > 0).Select(t => t.Id).ToList();
        var beforeReports = await _fleet.Catalog.GetRolloutAsync("ACME");
        await SyncAllAsync(tills);                                    // its reports widen the rollout
        var afterFirst = await _fleet.Catalog.GetRolloutAsync("ACME");
        await SyncAllAsync(tills);
        await SyncAllAsync(tills);
        var final = await _fleet.Catalog.GetRolloutAsync("ACME");

        Assert.Equal(2, planned.Count);
        Assert.Equal(planned.Order(), firstStage.Order());
        Assert.Equal(planned, (await _fleet.Catalog.GetRolloutAsync("ACME"))!.Terminals.Take(2).Select(t => t.TerminalId));
        Assert.Equal(0, beforeReports!.Target.Rollout.Stage);
        Assert.Equal((1, 100), (afterFirst!.Target.Rollout.Stage, afterFirst.Target.Rollout.CurrentShare));
        Assert.All(tills, t => Assert.Equal(["35.0"], t.Installer.Installed.Select(i => i.Version)));
        Assert.Equal(10, final!.Installed);
    }

    [Fact]
    public async Task Sync_FailuresPastTheThreshold_HaltRolloutWithItsReasonAndStopOffers()
    {
        var tills = await TillsAsync(10);
        foreach (var till in tills)
        {
            till.Installer.FailWith = "disk full";
        }

        await _fleet.PublishAsync("35.0");
        await _fleet.TargetAsync("35.0", "ACME", 50, 100);

        await SyncAllAsync(tills);                                    // five offered, five failed
        await SyncAllAsync(tills);                                    // the failures reported: halted
        foreach (var till in tills)
        {
            till.Installer.FailWith = null;
        }

        await SyncAllAsync(tills);
        var rollout = await _fleet.Catalog.GetRolloutAsync("ACME");

        Assert.True(rollout!.Target.Rollout.IsHalted);
        Assert.StartsWith("2 of the 5 terminals of stage 1 (50 %) failed to install 35.0", rollout.Target.Rollout.HaltedReason, StringComparison.Ordinal);
        Assert.Contains("The installer failed: disk full", rollout.Target.Rollout.HaltedReason, StringComparison.Ordinal);
        Assert.Equal(0, rollout.Target.Rollout.Stage);
        Assert.Equal((0, 5), (rollout.Installed, rollout.Failed));
        Assert.All(tills, t => Assert.Empty(t.Installer.Installed));
    }

    [Fact]
    public async Task Sync_HaltedThenResumed_OffersAgainAtTheSameStage()
    {
        var tills = await TillsAsync(4);
        await _fleet.PublishAsync("35.0");
        await _fleet.TargetAsync("35.0", "ACME", 50, 100);
        await _fleet.Catalog.HaltAsync("ACME", "bad build reported by the help desk");

        await SyncAllAsync(tills);
        var whileHalted = tills.Sum(t => t.Installer.Installed.Count);
        await _fleet.Catalog.ResumeAsync("ACME");
        await SyncAllAsync(tills);

        Assert.Equal(0, whileHalted);
        Assert.Equal(2, tills.Sum(t => t.Installer.Installed.Count));
    }

    [Fact]
    public async Task Sync_ResumedAfterAnAutomaticHalt_FailuresFromBeforeDoNotHaltItAgain()
    {
        var tills = await TillsAsync(10);
        await _fleet.PublishAsync("35.0");
        await _fleet.TargetAsync("35.0", "ACME", 50, 100);
        var selected = (await _fleet.Catalog.GetRolloutAsync("ACME"))!.Terminals.Where(t => t.Selected).Select(t => t.TerminalId).ToList();
        foreach (var till in tills.Where(t => selected.Take(2).Contains(t.Id)))
        {
            till.Installer.FailWith = "disk full";
        }

        await SyncAllAsync(tills);                                    // five offered, two failed
        await SyncAllAsync(tills);                                    // the failures reported: halted
        var halted = (await _fleet.Catalog.GetRolloutAsync("ACME"))!.Target.Rollout;
        _fleet.Clock.Advance(TimeSpan.FromHours(1));
        await _fleet.Catalog.ResumeAsync("ACME");
        // A report that changes something makes the back office weigh the rollout again: a till outside the stage
        // restarted on a version installed by hand.
        await tills.First(t => !selected.Contains(t.Id)).RestartAsync("34.1");
        await SyncAllAsync(tills);
        await SyncAllAsync(tills);
        var rollout = await _fleet.Catalog.GetRolloutAsync("ACME");

        Assert.True(halted.IsHalted);
        Assert.Null(rollout!.Target.Rollout.HaltedReason);
        Assert.Equal(2, rollout.Failed);
        Assert.Equal(3, tills.Sum(t => t.Installer.Installed.Count));
    }

    [Fact]
    public async Task Sync_TamperedPackage_RefusedReportedAndNeverInstalled()
    {
        var till = await _fleet.TillAsync("till-01");
        var release = await _fleet.PublishAsync("35.0");
        var bytes = await File.ReadAllBytesAsync(release.Location.LocalPath);
        bytes[100] ^= 0xFF;                                           // same size, another hash
        await File.WriteAllBytesAsync(release.Location.LocalPath, bytes);
        await _fleet.TargetAsync("35.0");

        await till.SyncAsync();
        await till.SyncAsync();
        await till.SyncAsync();

        Assert.Empty(till.Installer.Installed);
        var status = await _fleet.Store.GetTerminalAsync("ACME", "till-01", "pos", default);
        Assert.Equal(PackageOutcome.Rejected, status!.LastResult!.Outcome);
        Assert.Contains($"the back office published {release.Sha256}", status.LastResult.Detail, StringComparison.Ordinal);
        Assert.Equal("34.0", status.InstalledVersion);
        Assert.Equal(1, (await _fleet.Catalog.GetRolloutAsync("ACME"))!.Failed);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_fleet.Files.Path, "downloads", "till-01")));
    }

    [Fact]
    public async Task Sync_PackageLongerThanPublished_RefusedWithoutReadingItAll()
    {
        var till = await _fleet.TillAsync("till-01");
        var release = await _fleet.PublishAsync("35.0", size: 1000);
        await File.WriteAllBytesAsync(release.Location.LocalPath, new byte[10_000_000]);
        await _fleet.TargetAsync("35.0");

        await till.SyncAsync();
        await till.SyncAsync();

        Assert.Empty(till.Installer.Installed);
        var status = await _fleet.Store.GetTerminalAsync("ACME", "till-01", "pos", default);
        Assert.Equal((PackageOutcome.Rejected, "The download is larger than the published 1000 bytes: not installed."), (status!.LastResult!.Outcome, status.LastResult.Detail));
    }

    [Fact]
    public async Task Sync_AnotherOrganizationsTerminal_GetsOnlyItsOwnOrganizationsTarget()
    {
        var acme = await _fleet.TillAsync("till-01", "ACME");
        var beta = await _fleet.TillAsync("till-01-beta", "BETA");
        await _fleet.PublishAsync("35.0");
        await _fleet.PublishAsync("36.0");
        await _fleet.TargetAsync("36.0", "ACME");

        await beta.SyncAsync();
        await beta.SyncAsync();
        await _fleet.TargetAsync("35.0", "BETA");
        await acme.SyncAsync();
        await beta.SyncAsync();

        Assert.Equal(["36.0"], acme.Installer.Installed.Select(i => i.Version));
        Assert.Equal(["35.0"], beta.Installer.Installed.Select(i => i.Version));
        Assert.Null(await _fleet.Store.GetTerminalAsync("ACME", "till-01-beta", "pos", default));
        Assert.Equal(["till-01"], (await _fleet.Catalog.GetRolloutAsync("ACME"))!.Terminals.Select(t => t.TerminalId));
    }

    [Fact]
    public async Task PublishAsync_SameVersionWithAnotherHash_RefusedAndTheFirstKept()
    {
        var release = await _fleet.PublishAsync("35.0");

        var again = await _fleet.Catalog.PublishAsync(release);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _fleet.Catalog.PublishAsync(release with { Sha256 = new string('a', 64) }).AsTask());

        Assert.False(again);
        Assert.Contains("a release never changes", error.Message, StringComparison.Ordinal);
        Assert.Equal(release.Sha256, (await _fleet.Store.GetReleaseAsync("pos", "35.0", default))!.Sha256);
    }

    [Fact]
    public async Task SetTargetAsync_UnpublishedVersion_Refused()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _fleet.Catalog.SetTargetAsync("ACME", "pos", "99.0").AsTask());

        Assert.Equal("Package pos 99.0 was not published: publish it first.", error.Message);
        Assert.Null(await _fleet.Query.GetTargetVersionAsync("ACME"));
    }
}
