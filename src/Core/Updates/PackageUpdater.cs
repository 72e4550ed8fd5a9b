using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosFleet.Status;
using PosFleet.Sync.Agent;

namespace PosFleet.Updates;

/// <summary>
/// The terminal's side of package updates, called by the sync agent: states the package and version it runs (with its
/// last answer) in each request, and takes an offer through the steps of seed 003 — maintenance window, gate (no
/// ticket or shift open), the policy's question, download, size and SHA-256 check, installer, each step's refusal
/// recorded as the answer the next request reports. Never throws but for cancellation: a failed step is an outcome.
/// </summary>
internal sealed partial class PackageUpdater(
    ITerminalPackageStateStore states,
    IPackageFetcher fetcher,
    IPackageInstaller installer,
    IOptions<PackageUpdatesOptions> options,
    IOptions<SyncAgentOptions> agent,
    TimeProvider time,
    ILogger<PackageUpdater> logger,
    IPackageInstallGate? gate = null,
    IPackageConfirmation? confirmation = null)
{
    private readonly PackageUpdatesOptions _options = options.Value;

    private string PackageId => _options.PackageId!;

    /// <summary>What the next request states: the package, the version it runs, the last answer.</summary>
    public async ValueTask<PackageReport> GetReportAsync(CancellationToken cancellationToken)
    {
        var state = await StateAsync(cancellationToken).ConfigureAwait(false);
        return new PackageReport { PackageId = PackageId, InstalledVersion = Installed(state), LastResult = state.LastResult };
    }

    /// <summary>When the last package install succeeded (the heartbeat's last update), or <see langword="null"/> before the first.</summary>
    public async ValueTask<DateTimeOffset?> GetLastInstallAsync(CancellationToken cancellationToken) =>
        (await states.GetAsync(PackageId, cancellationToken).ConfigureAwait(false))?.InstalledAt;

    /// <summary>Takes an offer: installs it if every step allows, and records the answer.</summary>
    public async ValueTask ProcessAsync(PackageOffer offer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var state = await StateAsync(cancellationToken).ConfigureAwait(false);
        if (!string.Equals(offer.PackageId, PackageId, StringComparison.Ordinal) || VersionKey.IsAtLeast(Installed(state), offer.Version))
        {
            Log.Ignored(logger, offer.PackageId, offer.Version, PackageId, Installed(state));
            return;
        }

        if (!string.Equals(offer.Channel, _options.Channel, StringComparison.Ordinal))
        {
            // A beta build targeted at the organization reaches only the tills that follow the beta channel.
            Log.OtherChannel(logger, offer.PackageId, offer.Version, offer.Channel, _options.Channel);
            return;
        }

        try
        {
            state = await TakeAsync(state, offer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            state = Answer(state, offer, PackageOutcome.Failed, $"The update stopped: {ex.Message}");
        }

        await states.SaveAsync(state, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<TerminalPackageState> TakeAsync(TerminalPackageState state, PackageOffer offer, CancellationToken cancellationToken)
    {
        if (await WaitReasonAsync(cancellationToken).ConfigureAwait(false) is { } wait)
        {
            return Answer(state, offer, PackageOutcome.Deferred, wait);
        }

        var ask = _options.ConfirmationPolicy switch
        {
            PackageConfirmationPolicy.Always => true,
            PackageConfirmationPolicy.Once => !state.Confirmed,
            _ => false,
        };
        if (ask)
        {
            if (confirmation is null)
            {
                return Answer(state, offer, PackageOutcome.Deferred, $"The {_options.ConfirmationPolicy} policy asks the till's user, and this host registered no IPackageConfirmation.");
            }

            if (await AskAsync(new PackageConfirmationRequest { Offer = offer, InstalledVersion = Installed(state), Policy = _options.ConfirmationPolicy }, cancellationToken).ConfigureAwait(false)
                is not { } answer)
            {
                var detail = $"No answer at the till within {_options.ConfirmationTimeout}: asked again at the next offer.";
                Log.NotInstalled(logger, offer.PackageId, offer.Version, PackageOutcome.Deferred, detail);
                return Answer(state, offer, PackageOutcome.Deferred, detail);
            }

            Log.Answered(logger, offer.PackageId, offer.Version, answer);
            switch (answer)
            {
                case PackageConfirmationAnswer.Decline:
                    return Answer(state, offer, PackageOutcome.Declined, "Declined at the till.");
                case PackageConfirmationAnswer.Install:
                    state = state with { Confirmed = true };
                    await states.SaveAsync(state, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    return Answer(state, offer, PackageOutcome.Deferred, "Postponed at the till.");
            }

            // The question may have taken a while: a ticket opened meanwhile, or the window closed.
            if (await WaitReasonAsync(cancellationToken).ConfigureAwait(false) is { } since)
            {
                return Answer(state, offer, PackageOutcome.Deferred, since);
            }
        }

        return await DownloadAndInstallAsync(state, offer, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<TerminalPackageState> DownloadAndInstallAsync(TerminalPackageState state, PackageOffer offer, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_options.DownloadDirectory);
        var file = Path.Combine(_options.DownloadDirectory, $"{Safe(offer.PackageId)}-{Safe(offer.Version)}.package");
        try
        {
            var check = await DownloadAsync(offer, file, cancellationToken).ConfigureAwait(false);
            if (check is { Outcome: var outcome, Detail: var detail })
            {
                Log.NotInstalled(logger, offer.PackageId, offer.Version, outcome, detail);
                return Answer(state, offer, outcome, detail);
            }

            // The gate's contract: asked right before the installer. The download may have taken a while, and a ticket
            // opened or the window closed meanwhile.
            if (await WaitReasonAsync(cancellationToken).ConfigureAwait(false) is { } since)
            {
                Log.NotInstalled(logger, offer.PackageId, offer.Version, PackageOutcome.Deferred, since);
                return Answer(state, offer, PackageOutcome.Deferred, since);
            }

            // Most installers stop the application to replace it: the marker survives the process, and the next start
            // reads the outcome from the version it runs (StateAsync), instead of offering the package again.
            state = state with { InstallingVersion = offer.Version };
            await states.SaveAsync(state, cancellationToken).ConfigureAwait(false);
            try
            {
                await installer.InstallAsync(new PackageInstallRequest { Offer = offer, FilePath = file }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                Log.InstallFailed(logger, offer.PackageId, offer.Version, ex);
                return Answer(state, offer, PackageOutcome.Failed, $"The installer failed: {ex.Message}");
            }

            Log.Installed(logger, offer.PackageId, offer.Version);
            return Answer(state with { InstalledVersion = offer.Version, InstalledAt = time.GetUtcNow() }, offer, PackageOutcome.Installed, null);
        }
        finally
        {
            TryDelete(file);
        }
    }

    /// <summary>The till's answer, or <see langword="null"/> when none came within the confirmation timeout (on the terminal's clock).</summary>
    private async ValueTask<PackageConfirmationAnswer?> AskAsync(PackageConfirmationRequest request, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.ConfirmationTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            // WaitAsync as well: a dialog that ignores its token does not hold the sync either.
            return await confirmation!.ConfirmAsync(request, linked.Token).AsTask().WaitAsync(_options.ConfirmationTimeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Why the package must wait: outside the maintenance window, or the host's gate closed; <see langword="null"/> to go ahead.</summary>
    private async ValueTask<string?> WaitReasonAsync(CancellationToken cancellationToken)
    {
        if (_options.MaintenanceWindowStart is { } start && _options.MaintenanceWindowEnd is { } end)
        {
            var zone = _options.MaintenanceTimeZone is { } id ? TimeZoneInfo.FindSystemTimeZoneById(id) : time.LocalTimeZone;
            var now = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
            if (!now.IsBetween(start, end))
            {
                return string.Create(CultureInfo.InvariantCulture, $"Outside the maintenance window ({start:HH\\:mm} to {end:HH\\:mm} {zone.Id}; it is {now:HH\\:mm}).");
            }
        }

        return gate is null ? null : await gate.GetBlockReasonAsync(cancellationToken).ConfigureAwait(false);
    }

    private TerminalPackageState Answer(TerminalPackageState state, PackageOffer offer, PackageOutcome outcome, string? detail) =>
        Answer(state, offer.Version, outcome, detail);

    /// <summary>The state with its answer to <paramref name="version"/>; an answer ends any install under way.</summary>
    private TerminalPackageState Answer(TerminalPackageState state, string version, PackageOutcome outcome, string? detail) =>
        state with { InstallingVersion = null, LastResult = new PackageResult { Version = version, Outcome = outcome, Detail = detail, At = time.GetUtcNow() } };

    /// <summary>
    /// The stored state; when the process stopped inside the installer (the marker is still there), the outcome is read
    /// from the version the application runs now, recorded, and reported by the next request.
    /// </summary>
    private async ValueTask<TerminalPackageState> StateAsync(CancellationToken cancellationToken)
    {
        var state = await states.GetAsync(PackageId, cancellationToken).ConfigureAwait(false) ?? new TerminalPackageState { PackageId = PackageId };
        if (state.InstallingVersion is not { } installing)
        {
            return state;
        }

        var running = Running;
        state = VersionKey.IsAtLeast(running, installing)
            ? Answer(state with { InstalledVersion = installing, InstalledAt = time.GetUtcNow() }, installing, PackageOutcome.Installed, $"The installer restarted the application, which runs {running}.")
            : Answer(state, installing, PackageOutcome.Failed, $"The installer stopped the application, which restarted on {running}, not {installing}: not installed.");
        Log.InstallEnded(logger, PackageId, installing, running, state.LastResult!.Outcome);
        await states.SaveAsync(state, cancellationToken).ConfigureAwait(false);
        return state;
    }

    /// <summary>The version the application states it runs (the host's option, else the sync agent's).</summary>
    private string Running => _options.InstalledVersion ?? agent.Value.ApplicationVersion;

    /// <summary>The higher of the version the updater installed last and the one the application runs: installed by other means, or restarted by the installer.</summary>
    private string Installed(TerminalPackageState state) =>
        state.InstalledVersion is { } stored && VersionKey.From(stored) is not null && !VersionKey.IsAtLeast(Running, stored) ? stored : Running;

    /// <summary>The start-up warning of a host without an install gate (<see cref="PackageUpdatesStartupCheck"/>).</summary>
    internal static void LogNoGate(ILogger logger) => Log.NoGate(logger);

    private static string Safe(string text) => string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file left behind is overwritten by the next download of that version.
        }
    }
}
