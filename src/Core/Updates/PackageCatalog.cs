using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosFleet.Notifications.Items;
using PosFleet.Status;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Exchange;

namespace PosFleet.Updates;

/// <summary>
/// The back office's package updates: publishing, targets and their staged rollouts (<see cref="IPackageCatalog"/>),
/// the status board's query (<see cref="IPackageTargetQuery"/>), and the offers of the exchange (PackageCatalog.Offers.cs).
/// </summary>
internal sealed partial class PackageCatalog(
    IPackageStore store,
    ITerminalCredentialStore terminals,
    IOptions<PackageBackOfficeOptions> options,
    TimeProvider time,
    ILogger<PackageCatalog> logger,
    IItemEventPublisher? notifications = null) : IPackageCatalog, IPackageTargetQuery
{
    public async ValueTask<bool> PublishAsync(PackageRelease release, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentException.ThrowIfNullOrWhiteSpace(release.PackageId);
        ArgumentException.ThrowIfNullOrWhiteSpace(release.Channel);
        if (!ApplicationVersion.TryParse(release.Version, out _))
        {
            throw new ArgumentException($"The version '{release.Version}' is not a version; use numbers separated by dots, such as 35.1.", nameof(release));
        }

        if (!PackageRollouts.IsSha256(release.Sha256))
        {
            throw new ArgumentException($"The SHA-256 '{release.Sha256}' is not 64 hexadecimal digits.", nameof(release));
        }

        if (release.Size < 0 || release.Location is null || !release.Location.IsAbsoluteUri)
        {
            throw new ArgumentException("The size is negative or the location is not an absolute URI (https:// or file://).", nameof(release));
        }

        // AbsoluteUri, not the text it was made from: a Uri made from a path serializes as that path, which reads back as relative.
        var stored = release with { Sha256 = release.Sha256.ToLowerInvariant(), Location = new Uri(release.Location.AbsoluteUri), PublishedAt = time.GetUtcNow() };
        if (await store.TryPublishAsync(stored, cancellationToken).ConfigureAwait(false))
        {
            Log.Published(logger, stored.PackageId, stored.Version, stored.Channel, stored.Size);
            return true;
        }

        var existing = await store.GetReleaseAsync(release.PackageId, release.Version, cancellationToken).ConfigureAwait(false);
        if (existing is not null && existing.Sha256 == stored.Sha256 && existing.Size == stored.Size && existing.Channel == stored.Channel)
        {
            // AbsoluteUri ordinally, not Uri equality, which ignores the user information: a new password is a change.
            if (string.Equals(existing.Location.AbsoluteUri, stored.Location.AbsoluteUri, StringComparison.Ordinal))
            {
                return false;
            }

            // Same bytes (the hash guarantees them) at a new address: a renewed signed URL or password is stored.
            if (await store.RenewLocationAsync(stored, cancellationToken).ConfigureAwait(false))
            {
                Log.LocationRenewed(logger, stored.PackageId, stored.Version);
                return true;
            }
        }

        throw new InvalidOperationException($"Package {release.PackageId} {release.Version} is already published with another content or channel (SHA-256 {existing?.Sha256}); a release never changes its bytes: publish a new version.");
    }

    public async ValueTask<PackageTarget> SetTargetAsync(string organization, string packageId, string version, PackageRollout? rollout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organization);
        ArgumentException.ThrowIfNullOrWhiteSpace(packageId);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        _ = await store.GetReleaseAsync(packageId, version, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Package {packageId} {version} was not published: publish it first.");
        var settings = options.Value;
        rollout ??= new PackageRollout { Stages = [.. settings.Stages], WidenAt = settings.WidenAt, FailureThreshold = settings.FailureThreshold };
        if (PackageRollouts.CheckStages(rollout.Stages) is { } problem)
        {
            throw new ArgumentException($"The rollout's stages: {problem}", nameof(rollout));
        }

        if (rollout.WidenAt is not (> 0 and <= 1) || rollout.FailureThreshold is not (>= 0 and <= 1))
        {
            throw new ArgumentException($"The rollout's widen share ({rollout.WidenAt}) must be more than 0 and at most 1, its failure threshold ({rollout.FailureThreshold}) from 0 to 1.", nameof(rollout));
        }

        var now = time.GetUtcNow();
        var target = new PackageTarget
        {
            Organization = organization,
            PackageId = packageId,
            Version = version,
            SetAt = now,
            Rollout = rollout with { Stage = 0, HaltedReason = null, ChangedAt = now },
        };
        await store.SetTargetAsync(target, cancellationToken).ConfigureAwait(false);
        Log.TargetSet(logger, organization, packageId, version, target.Rollout.CurrentShare);
        return target;
    }

    public async ValueTask<PackageRolloutView?> GetRolloutAsync(string organization, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organization);
        if (await store.GetTargetAsync(organization, cancellationToken).ConfigureAwait(false) is not { } target)
        {
            return null;
        }

        var (ordered, statuses) = await RolloutStateAsync(target, cancellationToken).ConfigureAwait(false);
        var selected = PackageRollouts.Selected(target.Rollout, ordered.Count);
        return new PackageRolloutView
        {
            Target = target,
            Terminals = [.. ordered.Select((t, i) => new PackageRolloutTerminal { TerminalId = t, Rank = i, Selected = i < selected, Status = statuses.GetValueOrDefault(t) })],
            Installed = ordered.Count(t => VersionKey.IsAtLeast(statuses.GetValueOrDefault(t)?.InstalledVersion, target.Version)),
            Failed = ordered.Count(t => PackageRollouts.HasFailed(statuses.GetValueOrDefault(t), target.Version)),
            Declined = ordered.Count(t => PackageRollouts.HasDeclined(statuses.GetValueOrDefault(t), target.Version)),
        };
    }

    public ValueTask<PackageTarget?> HaltAsync(string organization, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return ChangeRolloutAsync(organization, r => r with { HaltedReason = reason }, cancellationToken);
    }

    public ValueTask<PackageTarget?> ResumeAsync(string organization, CancellationToken cancellationToken = default) =>
        ChangeRolloutAsync(organization, r => r with { HaltedReason = null }, cancellationToken);

    public ValueTask<PackageTarget?> WidenAsync(string organization, CancellationToken cancellationToken = default) =>
        ChangeRolloutAsync(organization, r => r with { Stage = Math.Min(r.Stage + 1, r.Stages.Count - 1) }, cancellationToken);

    public async ValueTask<string?> GetTargetVersionAsync(string organization, CancellationToken cancellationToken = default) =>
        (await store.GetTargetAsync(organization, cancellationToken).ConfigureAwait(false))?.Version;

    public async ValueTask<string?> GetInstalledVersionAsync(string organization, string terminalId, CancellationToken cancellationToken = default)
    {
        if (await store.GetTargetAsync(organization, cancellationToken).ConfigureAwait(false) is not { } target)
        {
            return null;
        }

        return (await store.GetTerminalAsync(organization, terminalId, target.PackageId, cancellationToken).ConfigureAwait(false))?.InstalledVersion;
    }

    public async ValueTask<bool> IsBehindTargetAsync(string organization, string? version, CancellationToken cancellationToken = default) =>
        await GetTargetVersionAsync(organization, cancellationToken).ConfigureAwait(false) is { } target && !VersionKey.IsAtLeast(version, target);

    private async ValueTask<PackageTarget?> ChangeRolloutAsync(string organization, Func<PackageRollout, PackageRollout> change, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organization);
        for (var attempt = 1; ; attempt++)
        {
            if (await store.GetTargetAsync(organization, cancellationToken).ConfigureAwait(false) is not { } target)
            {
                return null;
            }

            // A compare-and-swap on what was read: a widen or halt an exchange decided meanwhile is read again and the
            // operator's change applied over it, never the other way round.
            // A new reason given to a halt already in place is no new halt: its instant, which names the halt's
            // notification (and lets it be published again after a crash, once), stays.
            var changedRollout = change(target.Rollout);
            var sameHalt = changedRollout.IsHalted && target.Rollout.IsHalted && changedRollout.Stage == target.Rollout.Stage;
            var rollout = changedRollout with { ChangedAt = sameHalt ? target.Rollout.ChangedAt : time.GetUtcNow() };
            if (await store.UpdateRolloutAsync(organization, target.Version, target.Rollout, rollout, cancellationToken).ConfigureAwait(false))
            {
                Log.RolloutChanged(logger, organization, target.Version, rollout.CurrentShare, rollout.HaltedReason);
                var changed = target with { Rollout = rollout };
                if (rollout.IsHalted && !target.Rollout.IsHalted)
                {
                    await PublishHaltedAsync(changed, cancellationToken).ConfigureAwait(false);
                }

                return changed;
            }

            if (attempt == MaxRolloutAttempts)
            {
                throw new InvalidOperationException($"The rollout of {organization} changed {MaxRolloutAttempts} times while this change was made; try again.");
            }
        }
    }

    /// <summary>How many times an operator's change of a rollout is read and tried again when another change won the race.</summary>
    private const int MaxRolloutAttempts = 5;

    /// <summary>The organization's active terminals in rollout order and what each reported for the target's package.</summary>
    private async ValueTask<(List<string> Ordered, Dictionary<string, TerminalPackageStatus> Statuses)> RolloutStateAsync(PackageTarget target, CancellationToken cancellationToken)
    {
        var enrolled = await terminals.ListAsync(target.Organization, cancellationToken).ConfigureAwait(false);
        var ordered = PackageRollouts.Order(target.Organization, target.PackageId, target.Version, enrolled.Where(r => r.RevokedAt is null).Select(r => r.TerminalId));
        var statuses = (await store.ListTerminalsAsync(target.Organization, target.PackageId, cancellationToken).ConfigureAwait(false))
            .ToDictionary(s => s.TerminalId, StringComparer.Ordinal);
        return (ordered, statuses);
    }
}
