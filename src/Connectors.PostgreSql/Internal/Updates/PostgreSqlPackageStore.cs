using PosFleet.Updates;

namespace PosFleet.Connectors.PostgreSql.Internal.Updates;

/// <summary>
/// The back office's packages, targets and terminal states on PostgreSQL (migration 0006). Every write is one
/// statement, so instances sharing the database need no other coordination: a release is published once
/// (<c>ON CONFLICT DO NOTHING</c>), a stale rollout is dropped by the update's own condition.
/// </summary>
internal sealed partial class PostgreSqlPackageStore(PostgreSqlDatabase database) : IPackageStore
{
    private const string ReleaseColumns = "package_id, version, channel, size, sha256, location, published_at";
    private const string TargetColumns = "organization, package_id, version, set_at, stages, stage, widen_at, failure_threshold, halted_reason, changed_at";

    public async ValueTask<bool> TryPublishAsync(PackageRelease release, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        return await database.ExecuteAsync(
            $"INSERT INTO package_releases ({ReleaseColumns}) VALUES (@package, @version, @channel, @size, @sha256, @location, @at) ON CONFLICT DO NOTHING",
            cancellationToken,
            ("package", release.PackageId),
            ("version", release.Version),
            ("channel", release.Channel),
            ("size", release.Size),
            ("sha256", release.Sha256),
            ("location", release.Location.AbsoluteUri),
            ("at", release.PublishedAt.UtcTicks)).ConfigureAwait(false) == 1;
    }

    public async ValueTask<bool> RenewLocationAsync(PackageRelease release, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        return await database.ExecuteAsync(
            "UPDATE package_releases SET location = @location WHERE package_id = @package AND version = @version AND size = @size AND sha256 = @sha256",
            cancellationToken,
            ("package", release.PackageId),
            ("version", release.Version),
            ("size", release.Size),
            ("sha256", release.Sha256),
            ("location", release.Location.AbsoluteUri)).ConfigureAwait(false) == 1;
    }

    public async ValueTask<PackageRelease?> GetReleaseAsync(string packageId, string version, CancellationToken cancellationToken) =>
        (await database.QueryAsync($"SELECT {ReleaseColumns} FROM package_releases WHERE package_id = @package AND version = @version",
            PackageRows.ReadRelease, cancellationToken, ("package", packageId), ("version", version)).ConfigureAwait(false)).FirstOrDefault();

    public async ValueTask<IReadOnlyList<PackageRelease>> ListReleasesAsync(string? packageId, CancellationToken cancellationToken) =>
        await database.QueryAsync(
            $"SELECT {ReleaseColumns} FROM package_releases WHERE @package::text IS NULL OR package_id = @package ORDER BY package_id, published_at, version",
            PackageRows.ReadRelease, cancellationToken, ("package", packageId)).ConfigureAwait(false);

    public async ValueTask SetTargetAsync(PackageTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        await database.ExecuteAsync(
            $"""
            INSERT INTO package_targets ({TargetColumns}) VALUES (@organization, @package, @version, @set_at, @stages, @stage, @widen_at, @threshold, @halted, @changed_at)
            ON CONFLICT (organization) DO UPDATE SET package_id = EXCLUDED.package_id, version = EXCLUDED.version, set_at = EXCLUDED.set_at,
                stages = EXCLUDED.stages, stage = EXCLUDED.stage, widen_at = EXCLUDED.widen_at, failure_threshold = EXCLUDED.failure_threshold,
                halted_reason = EXCLUDED.halted_reason, changed_at = EXCLUDED.changed_at
            """,
            cancellationToken,
            [("organization", target.Organization), ("package", target.PackageId), ("version", target.Version), ("set_at", target.SetAt.UtcTicks), .. Rollout(target.Rollout)])
            .ConfigureAwait(false);
    }

    public async ValueTask<PackageTarget?> GetTargetAsync(string organization, CancellationToken cancellationToken) =>
        (await database.QueryAsync($"SELECT {TargetColumns} FROM package_targets WHERE organization = @organization",
            PackageRows.ReadTarget, cancellationToken, ("organization", organization)).ConfigureAwait(false)).FirstOrDefault();

    public async ValueTask<IReadOnlyList<PackageTarget>> ListTargetsAsync(CancellationToken cancellationToken) =>
        await database.QueryAsync($"SELECT {TargetColumns} FROM package_targets ORDER BY organization", PackageRows.ReadTarget, cancellationToken).ConfigureAwait(false);

    public async ValueTask<bool> UpdateRolloutAsync(string organization, string version, PackageRollout previous, PackageRollout rollout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(rollout);
        return await database.ExecuteAsync(
            """
            UPDATE package_targets SET stages = @stages, stage = @stage, widen_at = @widen_at, failure_threshold = @threshold, halted_reason = @halted, changed_at = @changed_at
            WHERE organization = @organization AND version = @version
              AND stage = @was_stage AND halted_reason IS NOT DISTINCT FROM @was_halted AND changed_at = @was_changed_at
            """,
            cancellationToken,
            [("organization", organization), ("version", version), ("was_stage", previous.Stage), ("was_halted", previous.HaltedReason), ("was_changed_at", previous.ChangedAt.UtcTicks), .. Rollout(rollout)]).ConfigureAwait(false) == 1;
    }

    private static (string, object?)[] Rollout(PackageRollout rollout) =>
    [
        ("stages", rollout.Stages.ToArray()),
        ("stage", rollout.Stage),
        ("widen_at", rollout.WidenAt),
        ("threshold", rollout.FailureThreshold),
        ("halted", rollout.HaltedReason),
        ("changed_at", rollout.ChangedAt.UtcTicks),
    ];
}
