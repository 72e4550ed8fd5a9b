using System.Globalization;
using Microsoft.Data.Sqlite;
using PosFleet.Updates;

namespace PosFleet.Connectors.Sqlite.Internal.Updates;

/// <summary>The back office's packages, targets and terminal states in the SQLite file (migration 0010).</summary>
internal sealed partial class SqlitePackageStore(SqliteDatabase database) : IPackageStore
{
    private const string ReleaseColumns = "package_id, version, channel, size, sha256, location, published_at";
    private const string TargetColumns = "organization, package_id, version, set_at, stages, stage, widen_at, failure_threshold, halted_reason, changed_at";

    public async ValueTask<bool> TryPublishAsync(PackageRelease release, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        return await ExecuteAsync(
            $"INSERT INTO package_releases ({ReleaseColumns}) VALUES ($package, $version, $channel, $size, $sha256, $location, $at) ON CONFLICT DO NOTHING;",
            p =>
            {
                p.AddWithValue("$package", release.PackageId);
                p.AddWithValue("$version", release.Version);
                p.AddWithValue("$channel", release.Channel);
                p.AddWithValue("$size", release.Size);
                p.AddWithValue("$sha256", release.Sha256);
                p.AddWithValue("$location", release.Location.AbsoluteUri);
                p.AddWithValue("$at", release.PublishedAt.UtcTicks);
            },
            cancellationToken).ConfigureAwait(false) == 1;
    }

    public async ValueTask<bool> RenewLocationAsync(PackageRelease release, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        return await ExecuteAsync(
            "UPDATE package_releases SET location = $location WHERE package_id = $package AND version = $version AND size = $size AND sha256 = $sha256;",
            p =>
            {
                p.AddWithValue("$package", release.PackageId);
                p.AddWithValue("$version", release.Version);
                p.AddWithValue("$size", release.Size);
                p.AddWithValue("$sha256", release.Sha256);
                p.AddWithValue("$location", release.Location.AbsoluteUri);
            },
            cancellationToken).ConfigureAwait(false) == 1;
    }

    public async ValueTask<PackageRelease?> GetReleaseAsync(string packageId, string version, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {ReleaseColumns} FROM package_releases WHERE package_id = $package AND version = $version;", p =>
        {
            p.AddWithValue("$package", packageId);
            p.AddWithValue("$version", version);
        }, PackageRows.ReadRelease, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    public async ValueTask<IReadOnlyList<PackageRelease>> ListReleasesAsync(string? packageId, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {ReleaseColumns} FROM package_releases WHERE $package IS NULL OR package_id = $package ORDER BY package_id, published_at, version;",
            p => p.AddWithValue("$package", (object?)packageId ?? DBNull.Value), PackageRows.ReadRelease, cancellationToken).ConfigureAwait(false);

    public async ValueTask SetTargetAsync(PackageTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        await ExecuteAsync(
            $"INSERT OR REPLACE INTO package_targets ({TargetColumns}) VALUES ($organization, $package, $version, $set_at, $stages, $stage, $widen_at, $threshold, $halted, $changed_at);",
            p =>
            {
                p.AddWithValue("$organization", target.Organization);
                p.AddWithValue("$package", target.PackageId);
                p.AddWithValue("$version", target.Version);
                p.AddWithValue("$set_at", target.SetAt.UtcTicks);
                AddRollout(p, target.Rollout);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<PackageTarget?> GetTargetAsync(string organization, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {TargetColumns} FROM package_targets WHERE organization = $organization;",
            p => p.AddWithValue("$organization", organization), PackageRows.ReadTarget, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    public async ValueTask<IReadOnlyList<PackageTarget>> ListTargetsAsync(CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {TargetColumns} FROM package_targets ORDER BY organization;", _ => { }, PackageRows.ReadTarget, cancellationToken).ConfigureAwait(false);

    public async ValueTask<bool> UpdateRolloutAsync(string organization, string version, PackageRollout previous, PackageRollout rollout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(rollout);
        return await ExecuteAsync(
            """
            UPDATE package_targets SET stages = $stages, stage = $stage, widen_at = $widen_at, failure_threshold = $threshold, halted_reason = $halted, changed_at = $changed_at
            WHERE organization = $organization AND version = $version
              AND stage = $was_stage AND halted_reason IS $was_halted AND changed_at = $was_changed_at;
            """,
            p =>
            {
                p.AddWithValue("$organization", organization);
                p.AddWithValue("$version", version);
                p.AddWithValue("$was_stage", previous.Stage);
                p.AddWithValue("$was_halted", (object?)previous.HaltedReason ?? DBNull.Value);
                p.AddWithValue("$was_changed_at", previous.ChangedAt.UtcTicks);
                AddRollout(p, rollout);
            },
            cancellationToken).ConfigureAwait(false) == 1;
    }

    private static void AddRollout(SqliteParameterCollection p, PackageRollout rollout)
    {
        p.AddWithValue("$stages", string.Join(',', rollout.Stages.Select(s => s.ToString(CultureInfo.InvariantCulture))));
        p.AddWithValue("$stage", rollout.Stage);
        p.AddWithValue("$widen_at", rollout.WidenAt);
        p.AddWithValue("$threshold", rollout.FailureThreshold);
        p.AddWithValue("$halted", (object?)rollout.HaltedReason ?? DBNull.Value);
        p.AddWithValue("$changed_at", rollout.ChangedAt.UtcTicks);
    }

    private async ValueTask<int> ExecuteAsync(string sql, Action<SqliteParameterCollection> parameters, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            parameters(command.Parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<List<T>> QueryAsync<T>(string sql, Action<SqliteParameterCollection> parameters, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            parameters(command.Parameters);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
    }
}
