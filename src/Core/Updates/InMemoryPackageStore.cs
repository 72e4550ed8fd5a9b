namespace PosFleet.Updates;

/// <summary>Packages, targets and terminal states in memory (tests, demos, the smallest back offices).</summary>
internal sealed class InMemoryPackageStore : IPackageStore
{
    private readonly Lock _lock = new();
    private readonly List<PackageRelease> _releases = [];
    private readonly Dictionary<string, PackageTarget> _targets = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Organization, string Terminal, string Package), TerminalPackageStatus> _terminals = [];

    public ValueTask<bool> TryPublishAsync(PackageRelease release, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        lock (_lock)
        {
            if (_releases.Exists(r => Same(r, release.PackageId, release.Version)))
            {
                return ValueTask.FromResult(false);
            }

            _releases.Add(release);
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<bool> RenewLocationAsync(PackageRelease release, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        lock (_lock)
        {
            var index = _releases.FindIndex(r => Same(r, release.PackageId, release.Version)
                && r.Size == release.Size && string.Equals(r.Sha256, release.Sha256, StringComparison.Ordinal));
            if (index < 0)
            {
                return ValueTask.FromResult(false);
            }

            _releases[index] = _releases[index] with { Location = release.Location };
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<PackageRelease?> GetReleaseAsync(string packageId, string version, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_releases.Find(r => Same(r, packageId, version)));
        }
    }

    public ValueTask<IReadOnlyList<PackageRelease>> ListReleasesAsync(string? packageId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<PackageRelease> list = [.. _releases
                .Where(r => packageId is null || string.Equals(r.PackageId, packageId, StringComparison.Ordinal))
                .OrderBy(r => r.PackageId, StringComparer.Ordinal)
                .ThenBy(r => r.PublishedAt)];
            return ValueTask.FromResult(list);
        }
    }

    public ValueTask SetTargetAsync(PackageTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        lock (_lock)
        {
            _targets[target.Organization] = target;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<PackageTarget?> GetTargetAsync(string organization, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_targets.GetValueOrDefault(organization));
        }
    }

    public ValueTask<IReadOnlyList<PackageTarget>> ListTargetsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<PackageTarget> list = [.. _targets.Values.OrderBy(t => t.Organization, StringComparer.Ordinal)];
            return ValueTask.FromResult(list);
        }
    }

    public ValueTask<bool> UpdateRolloutAsync(string organization, string version, PackageRollout previous, PackageRollout rollout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(rollout);
        lock (_lock)
        {
            if (!_targets.TryGetValue(organization, out var target) || !string.Equals(target.Version, version, StringComparison.Ordinal)
                || target.Rollout.Stage != previous.Stage || !string.Equals(target.Rollout.HaltedReason, previous.HaltedReason, StringComparison.Ordinal)
                || target.Rollout.ChangedAt.UtcTicks != previous.ChangedAt.UtcTicks)
            {
                return ValueTask.FromResult(false);
            }

            _targets[organization] = target with { Rollout = rollout };
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask RecordTerminalAsync(TerminalPackageStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        lock (_lock)
        {
            _terminals[(status.Organization, status.TerminalId, status.PackageId)] = status;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<TerminalPackageStatus?> GetTerminalAsync(string organization, string terminalId, string packageId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_terminals.GetValueOrDefault((organization, terminalId, packageId)));
        }
    }

    public ValueTask<IReadOnlyList<TerminalPackageStatus>> ListTerminalsAsync(string organization, string? packageId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<TerminalPackageStatus> list = [.. _terminals.Values
                .Where(s => string.Equals(s.Organization, organization, StringComparison.Ordinal)
                    && (packageId is null || string.Equals(s.PackageId, packageId, StringComparison.Ordinal)))
                .OrderBy(s => s.TerminalId, StringComparer.Ordinal)
                .ThenBy(s => s.PackageId, StringComparer.Ordinal)];
            return ValueTask.FromResult(list);
        }
    }

    private static bool Same(PackageRelease release, string packageId, string version) =>
        string.Equals(release.PackageId, packageId, StringComparison.Ordinal) && string.Equals(release.Version, version, StringComparison.Ordinal);
}
