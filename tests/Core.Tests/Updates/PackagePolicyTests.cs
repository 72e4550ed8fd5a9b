using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PosFleet.Updates;

namespace PosFleet.Tests.Updates;

/// <summary>Seed 003's confirmation policies, the gate and the maintenance window, over the in-process transport.</summary>
public sealed class PackagePolicyTests : IAsyncDisposable
{
    private readonly PackageFleet _fleet = new();

    public ValueTask DisposeAsync() => _fleet.DisposeAsync();

    [Fact]
    public async Task Sync_NeverPolicy_InstallsWithoutAskingAndTheBackOfficeShowsTheVersion()
    {
        var release = await _fleet.PublishAsync("35.0");
        await _fleet.TargetAsync("35.0");
        var till = await _fleet.TillAsync("till-01");
        Assert.True(await _fleet.Query.IsBehindTargetAsync("ACME", "34.0"));

        await till.SyncAsync();
        await till.SyncAsync();
        await till.SyncAsync();

        Assert.Equal([("35.0", release.Sha256)], till.Installer.Installed);
        Assert.Empty(till.Dialog.Asked);
        Assert.Equal("35.0", await _fleet.Query.GetInstalledVersionAsync("ACME", "till-01"));
        Assert.False(await _fleet.Query.IsBehindTargetAsync("ACME", "35.0"));
        var status = await _fleet.Store.GetTerminalAsync("ACME", "till-01", "pos", default);
        Assert.Equal(PackageOutcome.Installed, status!.LastResult!.Outcome);
    }

    [Fact]
    public async Task Sync_DownloadFailsFromASignedAddress_ReportLeavesOutThePasswordAndTheToken()
    {
        var release = await _fleet.PublishAsync("35.0");
        var signed = release with { Version = "35.1", Location = new Uri("https://fleet:Pa55word@packages.invalid/pos/35.1.zip?sig=T0KEN-secret") };
        Assert.True(await _fleet.Catalog.PublishAsync(signed));
        await _fleet.TargetAsync("35.1");
        var till = await _fleet.TillAsync("till-01");

        await till.SyncAsync();
        await till.SyncAsync();

        var status = await _fleet.Store.GetTerminalAsync("ACME", "till-01", "pos", default);
        Assert.Equal(PackageOutcome.DownloadFailed, status!.LastResult!.Outcome);
        Assert.Contains("https://packages.invalid/pos/35.1.zip", status.LastResult.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Pa55word", status.LastResult.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("T0KEN", status.LastResult.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_SameBytesAtANewLocation_LocationRenewedAndTerminalsFetchTheNewOne()
    {
        var release = await _fleet.PublishAsync("35.0");
        var moved = new Uri(Path.Combine(_fleet.Files.Path, "renewed", "pos-35.0.zip"));
        Directory.CreateDirectory(Path.GetDirectoryName(moved.LocalPath)!);
        File.Move(release.Location.LocalPath, moved.LocalPath);

        Assert.True(await _fleet.Catalog.PublishAsync(release with { Location = moved }));
        Assert.False(await _fleet.Catalog.PublishAsync(release with { Location = moved }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _fleet.Catalog.PublishAsync(release with { Location = moved, Size = release.Size + 1 }).AsTask());
        await _fleet.TargetAsync("35.0");
        var till = await _fleet.TillAsync("till-01");
        await till.SyncAsync();
        await till.SyncAsync();
        await till.SyncAsync();

        Assert.Equal(moved.AbsoluteUri, (await _fleet.Store.GetReleaseAsync("pos", "35.0", default))!.Location.AbsoluteUri);
        Assert.Equal([("35.0", release.Sha256)], till.Installer.Installed);
    }

    [Fact]
    public async Task PublishAsync_OnlyThePasswordOrSignatureChanged_NewLocationStored()
    {
        var release = await _fleet.PublishAsync("35.0");
        var signed = release with { Version = "35.1", Location = new Uri("https://fleet:0ld-pass@packages.invalid/pos/35.1.zip?sig=expired") };
        Assert.True(await _fleet.Catalog.PublishAsync(signed));
        var newPassword = signed with { Location = new Uri("https://fleet:N3w-pass@packages.invalid/pos/35.1.zip?sig=expired") };
        var newSignature = newPassword with { Location = new Uri("https://fleet:N3w-pass@packages.invalid/pos/35.1.zip?sig=renewed") };

        Assert.True(await _fleet.Catalog.PublishAsync(newPassword));
        Assert.Equal(newPassword.Location.AbsoluteUri, (await _fleet.Store.GetReleaseAsync("pos", "35.1", default))!.Location.AbsoluteUri);
        Assert.True(await _fleet.Catalog.PublishAsync(newSignature));
        Assert.Equal(newSignature.Location.AbsoluteUri, (await _fleet.Store.GetReleaseAsync("pos", "35.1", default))!.Location.AbsoluteUri);
    }

    [Fact]
    public async Task Sync_AlwaysPolicy_AsksBeforeEachPackage()
    {
        var till = await _fleet.TillAsync("till-01", policy: PackageConfirmationPolicy.Always);
        await _fleet.PublishAsync("35.0");
        await _fleet.PublishAsync("36.0");

        await _fleet.TargetAsync("35.0");
        await till.SyncAsync();
        await _fleet.TargetAsync("36.0");
        await till.SyncAsync();

        Assert.Equal(["35.0", "36.0"], till.Dialog.Asked);
        Assert.Equal(["35.0", "36.0"], till.Installer.Installed.Select(i => i.Version));
    }

    [Fact]
    public async Task Sync_OncePolicy_AsksForTheFirstPackageThenInstallsUnattended()
    {
        var till = await _fleet.TillAsync("till-01", policy: PackageConfirmationPolicy.Once);
        await _fleet.PublishAsync("35.0");
        await _fleet.PublishAsync("36.0");

        await _fleet.TargetAsync("35.0");
        await till.SyncAsync();
        await _fleet.TargetAsync("36.0");
        await till.SyncAsync();

        Assert.Equal(["35.0"], till.Dialog.Asked);
        Assert.Equal(["35.0", "36.0"], till.Installer.Installed.Select(i => i.Version));
    }

    [Fact]
    public async Task Sync_OncePolicyFirstPackagePostponed_AsksAgainAndInstallsNothingMeanwhile()
    {
        var till = await _fleet.TillAsync("till-01", policy: PackageConfirmationPolicy.Once);
        await _fleet.PublishAsync("35.0");
        await _fleet.TargetAsync("35.0");
        till.Dialog.Answer = PackageConfirmationAnswer.Later;

        await till.SyncAsync();
        await till.SyncAsync();

        Assert.Equal(["35.0", "35.0"], till.Dialog.Asked);
        Assert.Empty(till.Installer.Installed);
        Assert.Equal(PackageOutcome.Deferred, (await _fleet.Store.GetTerminalAsync("ACME", "till-01", "pos", default))!.LastResult!.Outcome);
    }

    [Fact]
    public async Task Sync_Declined_NotOfferedAgainUntilANewerVersionIsTheTarget()
    {
        var till = await _fleet.TillAsync("till-01", policy: PackageConfirmationPolicy.Always);
        await _fleet.PublishAsync("35.0");
        await _fleet.PublishAsync("35.1");
        await _fleet.TargetAsync("35.0");
        till.Dialog.Answer = PackageConfirmationAnswer.Decline;

        await till.SyncAsync();
        await till.SyncAsync();
        await till.SyncAsync();
        var status = await _fleet.Store.GetTerminalAsync("ACME", "till-01", "pos", default);
        till.Dialog.Answer = PackageConfirmationAnswer.Install;
        await _fleet.TargetAsync("35.1");
        await till.SyncAsync();

        Assert.Equal(["35.0", "35.1"], till.Dialog.Asked);
        Assert.Equal(("35.0", PackageOutcome.Declined), (status!.DeclinedVersion, status.LastResult!.Outcome));
        Assert.Equal(["35.1"], till.Installer.Installed.Select(i => i.Version));
    }

    [Fact]
    public async Task Sync_TicketOpen_WaitsAndSaysWhyThenInstallsOnceClosed()
    {
        var till = await _fleet.TillAsync("till-01");
        await _fleet.PublishAsync("35.0");
        await _fleet.TargetAsync("35.0");
        till.Gate.Reason = "ticket 1042 is open";

        await till.SyncAsync();
        await till.SyncAsync();
        var waiting = await _fleet.Store.GetTerminalAsync("ACME", "till-01", "pos", default);
        var installedWhileOpen = till.Installer.Installed.Count;
        till.Gate.Reason = null;
        await till.SyncAsync();

        Assert.Equal(0, installedWhileOpen);
        Assert.Equal((PackageOutcome.Deferred, "ticket 1042 is open"), (waiting!.LastResult!.Outcome, waiting.LastResult.Detail));
        Assert.Equal(["35.0"], till.Installer.Installed.Select(i => i.Version));
    }

    [Fact]
    public async Task Sync_TicketOpenedWhileTheDialogWasShown_DoesNotInstall()
    {
        var till = await _fleet.TillAsync("till-01", policy: PackageConfirmationPolicy.Always);
        await _fleet.PublishAsync("35.0");
        await _fleet.TargetAsync("35.0");
        till.Dialog.WhileAsking = () => till.Gate.Reason = "ticket 7 was opened";

        await till.SyncAsync();
        await till.SyncAsync();

        Assert.Equal(["35.0"], till.Dialog.Asked);
        Assert.Empty(till.Installer.Installed);
        var status = await _fleet.Store.GetTerminalAsync("ACME", "till-01", "pos", default);
        Assert.Equal((PackageOutcome.Deferred, "ticket 7 was opened"), (status!.LastResult!.Outcome, status.LastResult.Detail));
    }

    [Fact]
    public async Task Sync_TicketOpenedDuringTheDownload_DoesNotInstallThenInstallsOnceClosed()
    {
        await _fleet.PublishAsync("35.0");
        await _fleet.TargetAsync("35.0");
        var till = await _fleet.TillAsync("till-01");
        till.WhileDownloading = () => till.Gate.Reason = "ticket 1042 is open";

        await till.SyncAsync();
        var installedWhileOpen = till.Installer.Installed.Count;
        await till.SyncAsync();
        var status = await _fleet.Store.GetTerminalAsync("ACME", "till-01", "pos", default);
        till.WhileDownloading = null;
        till.Gate.Reason = null;
        await till.SyncAsync();

        Assert.Equal(0, installedWhileOpen);
        Assert.Equal((PackageOutcome.Deferred, "ticket 1042 is open"), (status!.LastResult!.Outcome, status.LastResult.Detail));
        Assert.Equal(["35.0"], till.Installer.Installed.Select(i => i.Version));
    }

    [Fact]
    public async Task Sync_AlwaysPolicyNobodyAnswers_DeferredAfterTheTimeoutAndTheSyncEnds()
    {
        await _fleet.PublishAsync("35.0");
        await _fleet.TargetAsync("35.0");
        var till = await _fleet.TillAsync("till-01", policy: PackageConfirmationPolicy.Always, configure: o => o.ConfirmationTimeout = TimeSpan.FromMinutes(2));
        till.Dialog.NobodyAnswers = true;

        var sync = till.SyncAsync();
        await till.Dialog.Shown.WaitAsync(TimeSpan.FromSeconds(30));
        _fleet.Clock.Advance(TimeSpan.FromMinutes(2));
        await sync.WaitAsync(TimeSpan.FromSeconds(30));
        till.Dialog.NobodyAnswers = false;
        till.Dialog.Answer = PackageConfirmationAnswer.Later;
        await till.SyncAsync(); // reports the deferral
        var status = await _fleet.Store.GetTerminalAsync("ACME", "till-01", "pos", default);

        Assert.Equal(PackageOutcome.Deferred, status!.LastResult!.Outcome);
        Assert.StartsWith("No answer at the till within 00:02:00", status.LastResult.Detail, StringComparison.Ordinal);
        Assert.Empty(till.Installer.Installed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2 * 24 * 60 * 60)]
    public void Validate_ConfirmationTimeoutOutOfRange_NamesTheOption(int seconds)
    {
        var result = new PackageUpdatesOptionsValidator().Validate(null, new PackageUpdatesOptions { PackageId = "pos", ConfirmationTimeout = TimeSpan.FromSeconds(seconds) });

        Assert.Contains("PackageUpdatesOptions.ConfirmationTimeout", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NoInstallGateRegistered_WarnsOnce()
    {
        var withoutGate = await StartedTerminalLogsAsync(withGate: false);
        var withGate = await StartedTerminalLogsAsync(withGate: true);

        Assert.Single(withoutGate, r => r.Level == LogLevel.Warning && r.Message.Contains("without an IPackageInstallGate", StringComparison.Ordinal));
        Assert.DoesNotContain(withGate, r => r.Message.Contains("IPackageInstallGate", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<FakeLogRecord>> StartedTerminalLogsAsync(bool withGate)
    {
        var services = new ServiceCollection();
        services.AddFakeLogging();
        var builder = services.AddPosFleet(o => (o.TerminalId, o.Organization) = ("till-01", "ACME"))
            .AddPackageUpdates(o => (o.PackageId, o.InstalledVersion) = ("pos", "34.0"))
            .AddPackageInstaller(new RecordingInstaller());
        if (withGate)
        {
            builder.AddPackageInstallGate(new SwitchGate());
        }

        await using var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>().OfType<PackageUpdatesStartupCheck>())
        {
            await hosted.StartAsync(default);
        }

        return provider.GetRequiredService<FakeLogCollector>().GetSnapshot();
    }

    [Fact]
    public async Task Sync_OutsideTheMaintenanceWindow_WaitsForIt()
    {
        var till = await _fleet.TillAsync("till-01", configure: o =>
        {
            o.MaintenanceWindowStart = new TimeOnly(22, 0);
            o.MaintenanceWindowEnd = new TimeOnly(5, 0);
            o.MaintenanceTimeZone = "UTC";
        });
        await _fleet.PublishAsync("35.0");
        await _fleet.TargetAsync("35.0");

        await till.SyncAsync();                                       // 12:00 UTC
        await till.SyncAsync();
        var waiting = await _fleet.Store.GetTerminalAsync("ACME", "till-01", "pos", default);
        var installedAtNoon = till.Installer.Installed.Count;
        _fleet.Clock.Advance(TimeSpan.FromHours(11));                 // 23:00 UTC
        await till.SyncAsync();

        Assert.Equal(0, installedAtNoon);
        Assert.Equal(PackageOutcome.Deferred, waiting!.LastResult!.Outcome);
        Assert.Contains("maintenance window (22:00 to 05:00 UTC; it is 12:00)", waiting.LastResult.Detail, StringComparison.Ordinal);
        Assert.Equal(["35.0"], till.Installer.Installed.Select(i => i.Version));
    }
}
