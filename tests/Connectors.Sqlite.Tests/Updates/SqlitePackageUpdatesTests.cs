using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using PosFleet.Sync;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Enrolment;
using PosFleet.Updates;

namespace PosFleet.Connectors.Sqlite.Tests.Updates;

/// <summary>Package updates with both sides on SQLite files: what the terminal remembers outlives a restart.</summary>
public sealed class SqlitePackageUpdatesTests : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ServiceProvider _backOffice;
    private readonly List<string> _asked = [];
    private readonly List<string> _installed = [];

    public SqlitePackageUpdatesTests()
    {
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddPosFleet().UseSqliteStorageFile(Path.Combine(_dir.Path, "backoffice.db")).AddSyncBackOffice().AddPackageBackOffice();
        _backOffice = services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _backOffice.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private ServiceProvider Till(string credential)
    {
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddPosFleet(o => (o.TerminalId, o.Organization) = ("till-01", "ACME"))
            .UseSqliteStorageFile(Path.Combine(_dir.Path, "till.db"))
            .AddSyncAgent(o => (o.Credential, o.ApplicationVersion, o.EnableBackground) = (credential, "34.0", false))
            .AddSyncInProcessTransport(_backOffice.GetRequiredService<PosFleet.Sync.Exchange.ISyncExchangeHandler>())
            .AddPackageUpdates(o => (o.PackageId, o.ConfirmationPolicy, o.DownloadDirectory) = ("pos", PackageConfirmationPolicy.Once, Path.Combine(_dir.Path, "downloads")))
            .AddPackageInstaller(new Installer(_installed))
            .AddPackageConfirmation(new Dialog(_asked));
        return services.BuildServiceProvider();
    }

    private async Task TargetAsync(string version)
    {
        var bytes = RandomNumberGenerator.GetBytes(2048);
        var path = _dir.File($"pos-{version}.zip", bytes);
        var catalog = _backOffice.GetRequiredService<IPackageCatalog>();
        await catalog.PublishAsync(new PackageRelease { PackageId = "pos", Version = version, Size = bytes.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), Location = new Uri(path) });
        await catalog.SetTargetAsync("ACME", "pos", version, new PackageRollout { Stages = [100] });
    }

    [Fact]
    public async Task SyncNowAsync_OncePolicyConfirmedThenTerminalRestarted_NextPackageInstallsWithoutAsking()
    {
        var credential = (await _backOffice.GetRequiredService<ITerminalRegistry>().EnrolAsync("till-01", "ACME")).Credential;
        await TargetAsync("35.0");
        await using (var till = Till(credential))
        {
            await till.GetRequiredService<ISyncAgent>().SyncNowAsync();
        }

        await TargetAsync("36.0");
        await using (var restarted = Till(credential))
        {
            await restarted.GetRequiredService<ISyncAgent>().SyncNowAsync();
            await restarted.GetRequiredService<ISyncAgent>().SyncNowAsync();
        }

        Assert.Equal(["35.0"], _asked);
        Assert.Equal(["35.0", "36.0"], _installed);
        var status = await _backOffice.GetRequiredService<IPackageStore>().GetTerminalAsync("ACME", "till-01", "pos", default);
        Assert.Equal(("36.0", PackageOutcome.Installed), (status!.InstalledVersion, status.LastResult!.Outcome));
        Assert.False(await _backOffice.GetRequiredService<IPackageTargetQuery>().IsBehindTargetAsync("ACME", status.InstalledVersion));
    }

    private sealed class Installer(List<string> installed) : IPackageInstaller
    {
        public ValueTask InstallAsync(PackageInstallRequest request, CancellationToken cancellationToken)
        {
            installed.Add(request.Offer.Version);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class Dialog(List<string> asked) : IPackageConfirmation
    {
        public ValueTask<PackageConfirmationAnswer> ConfirmAsync(PackageConfirmationRequest request, CancellationToken cancellationToken)
        {
            asked.Add(request.Offer.Version);
            return ValueTask.FromResult(PackageConfirmationAnswer.Install);
        }
    }
}
