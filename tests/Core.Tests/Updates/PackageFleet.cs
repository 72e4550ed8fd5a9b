using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using PosFleet.Status;
using PosFleet.Sync;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Exchange;
using PosFleet.Updates;

namespace PosFleet.Tests.Updates;

/// <summary>A back office with package updates and its tills, each in its own container over the in-process transport, on one fake clock.</summary>
internal sealed class PackageFleet : IAsyncDisposable
{
    private readonly ServiceProvider _backOffice;
    private readonly List<Till> _tills = [];

    public PackageFleet(Action<PackageBackOfficeOptions>? configure = null, Action<IServiceCollection>? backOffice = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddFakeLogging();
        backOffice?.Invoke(services);
        services.AddPosFleet().AddSyncBackOffice().AddStatus().AddPackageBackOffice(configure);
        _backOffice = services.BuildServiceProvider();
    }

    public TestClock Clock { get; } = new();

    /// <summary>The tills' <c>SyncAgentOptions.LastUpdate</c>: what a host that installs by other means states.</summary>
    public DateTimeOffset? AgentLastUpdate { get; set; }

    public TempDirectory Files { get; } = new();

    public IPackageCatalog Catalog => _backOffice.GetRequiredService<IPackageCatalog>();

    public IPackageTargetQuery Query => _backOffice.GetRequiredService<IPackageTargetQuery>();

    public IPackageStore Store => _backOffice.GetRequiredService<IPackageStore>();

    public IStatusBoard Board => _backOffice.GetRequiredService<IStatusBoard>();

    public ISyncExchangeHandler Handler => _backOffice.GetRequiredService<ISyncExchangeHandler>();

    /// <summary>Writes a package file of <paramref name="size"/> bytes and publishes it with its real size and SHA-256.</summary>
    public async Task<PackageRelease> PublishAsync(string version, int size = 4096, string packageId = "pos", string channel = "stable")
    {
        var bytes = new byte[size];
        new Random(version.GetHashCode(StringComparison.Ordinal)).NextBytes(bytes);
        var path = Files.File($"{packageId}-{version}.zip", bytes);
        var release = new PackageRelease
        {
            PackageId = packageId,
            Version = version,
            Size = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Location = new Uri(path),
            Channel = channel,
        };
        Assert.True(await Catalog.PublishAsync(release));
        return release;
    }

    public Task<PackageTarget> TargetAsync(string version, string organization = "ACME", params int[] stages) =>
        Catalog.SetTargetAsync(organization, "pos", version, new PackageRollout { Stages = stages.Length == 0 ? [100] : stages, WidenAt = 1.0, FailureThreshold = 0.2 }).AsTask();

    public async Task<Till> TillAsync(string id, string organization = "ACME", PackageConfirmationPolicy policy = PackageConfirmationPolicy.Never, Action<PackageUpdatesOptions>? configure = null)
    {
        var enrolment = await _backOffice.GetRequiredService<ITerminalRegistry>().EnrolAsync(id, organization);
        var till = new Till(this, id, organization, enrolment.Credential, policy, configure);
        _tills.Add(till);
        return till;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var till in _tills)
        {
            await till.DisposeAsync();
        }

        await _backOffice.DisposeAsync();
        Files.Dispose();
    }
}

/// <summary>One till: its container (sync agent and package updates) and the host's installer, dialog and gate.</summary>
internal sealed class Till : IAsyncDisposable
{
    private readonly PackageFleet _fleet;
    private readonly string _organization;
    private readonly string _credential;
    private readonly PackageConfirmationPolicy _policy;
    private readonly Action<PackageUpdatesOptions>? _configure;
    // The till's file: its package state outlives a restart, as a SQLite file does.
    private readonly InMemoryTerminalPackageStateStore _packageState = new();
    private ServiceProvider _provider;

    public Till(PackageFleet fleet, string id, string organization, string credential, PackageConfirmationPolicy policy, Action<PackageUpdatesOptions>? configure)
    {
        Id = id;
        (_fleet, _organization, _credential, _policy, _configure) = (fleet, organization, credential, policy, configure);
        _provider = Build("34.0");
    }

    /// <summary>The till's application restarted (as its installer does), now running <paramref name="applicationVersion"/>.</summary>
    public async Task RestartAsync(string applicationVersion)
    {
        await _provider.DisposeAsync();
        _provider = Build(applicationVersion);
    }

    /// <summary>
    /// Syncs until the installer stops the process to replace the application (that sync never ends), then starts the
    /// application again on <paramref name="restartedOn"/> over the same stored state. The stopped container is left
    /// as a killed process leaves it: not disposed.
    /// </summary>
    public async Task SyncUntilTheInstallerStopsTheProcessAsync(string restartedOn)
    {
        Installer.StopsTheProcess = true;
        var sync = _provider.GetRequiredService<ISyncAgent>().SyncNowAsync();
        await Installer.Stopped.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(sync.IsCompleted);
        Installer.StopsTheProcess = false;
        _provider = Build(restartedOn);
    }

    private ServiceProvider Build(string applicationVersion)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_fleet.Clock);
        services.AddFakeLogging();
        services.AddSingleton<ITerminalPackageStateStore>(_packageState);
        services.AddSingleton<IPackageFetcher>(new DownloadingFetcher(this));
        services.AddPosFleet(o => (o.TerminalId, o.Organization) = (Id, _organization))
            .AddSyncAgent(o =>
            {
                o.Credential = _credential;
                o.ApplicationVersion = applicationVersion;
                o.LastUpdate = _fleet.AgentLastUpdate;
                o.EnableBackground = false;
            })
            .AddSyncInProcessTransport(_fleet.Handler)
            .AddPackageUpdates(o =>
            {
                o.PackageId = "pos";
                o.ConfirmationPolicy = _policy;
                o.DownloadDirectory = Path.Combine(_fleet.Files.Path, "downloads", Id);
                _configure?.Invoke(o);
            })
            .AddPackageInstaller(Installer)
            .AddPackageConfirmation(Dialog)
            .AddPackageInstallGate(Gate);
        return services.BuildServiceProvider();
    }

    public string Id { get; }

    public RecordingInstaller Installer { get; } = new();

    public ScriptedDialog Dialog { get; } = new();

    public SwitchGate Gate { get; } = new();

    /// <summary>The outbox of the till's running application.</summary>
    public PosFleet.Sync.Outbox.IOutbox Outbox => _provider.GetRequiredService<PosFleet.Sync.Outbox.IOutbox>();

    /// <summary>What happens at the till while the package downloads, such as a ticket opened.</summary>
    public Action? WhileDownloading { get; set; }

    public async Task<SyncOutcome> SyncAsync()
    {
        var outcome = await _provider.GetRequiredService<ISyncAgent>().SyncNowAsync();
        Assert.Equal(SyncOutcomeStatus.Succeeded, outcome.Status);
        return outcome;
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}

/// <summary>The host's installer: records the versions and the SHA-256 of the file it was given; can be told to fail.</summary>
internal sealed class RecordingInstaller : IPackageInstaller
{
    public List<(string Version, string Sha256)> Installed { get; } = [];

    public string? FailWith { get; set; }

    /// <summary>Whether the installer stops the process (as one that replaces the running application does): it never returns.</summary>
    public bool StopsTheProcess { get; set; }

    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the installer stopped the process.</summary>
    public Task Stopped => _stopped.Task;

    public ValueTask InstallAsync(PackageInstallRequest request, CancellationToken cancellationToken)
    {
        if (FailWith is { } error)
        {
            throw new InvalidOperationException(error);
        }

        Installed.Add((request.Offer.Version, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(request.FilePath)))));
        if (StopsTheProcess)
        {
            _stopped.TrySetResult();
            return new ValueTask(new TaskCompletionSource().Task);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>The till's dialog: answers <see cref="Answer"/> and records what it was asked.</summary>
internal sealed class ScriptedDialog : IPackageConfirmation
{
    public PackageConfirmationAnswer Answer { get; set; } = PackageConfirmationAnswer.Install;

    public List<string> Asked { get; } = [];

    /// <summary>What happens at the till while the dialog is shown, such as a ticket opened.</summary>
    public Action? WhileAsking { get; set; }

    /// <summary>Whether nobody is at the till: the dialog stays open until it is canceled.</summary>
    public bool NobodyAnswers { get; set; }

    private readonly TaskCompletionSource _shown = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the dialog was first shown.</summary>
    public Task Shown => _shown.Task;

    public async ValueTask<PackageConfirmationAnswer> ConfirmAsync(PackageConfirmationRequest request, CancellationToken cancellationToken)
    {
        Asked.Add(request.Offer.Version);
        WhileAsking?.Invoke();
        _shown.TrySetResult();
        if (NobodyAnswers)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return Answer;
    }
}

/// <summary>The file fetcher the terminal uses by default, running the till's <see cref="Till.WhileDownloading"/> once the download started.</summary>
internal sealed class DownloadingFetcher(Till till) : IPackageFetcher
{
    private readonly FilePackageFetcher _files = new();

    public async ValueTask<Stream> OpenAsync(PackageOffer offer, CancellationToken cancellationToken)
    {
        var stream = await _files.OpenAsync(offer, cancellationToken);
        till.WhileDownloading?.Invoke();
        return stream;
    }
}

/// <summary>The host's gate: closed while <see cref="Reason"/> is set (a ticket open).</summary>
internal sealed class SwitchGate : IPackageInstallGate
{
    public string? Reason { get; set; }

    public ValueTask<string?> GetBlockReasonAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Reason);
}
