using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PosFleet.Connectors.Sqlite.Internal;

namespace PosFleet.Connectors.Sqlite;

/// <summary>The SQLite store's health check on <c>services.AddHealthChecks()</c>.</summary>
public static class SqliteHealthChecksBuilderExtensions
{
    /// <summary>
    /// Checks the SQLite file of <c>UseSqliteStorageFile</c>: it opens, is PosFleet's schema (migrated if it was
    /// behind) and answers a read. Unhealthy with the reason (corrupt, not writable, busy, a newer schema) otherwise.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status reported when unhealthy; <see cref="HealthStatus.Unhealthy"/> when <see langword="null"/>.</param>
    /// <param name="tags">Tags to filter checks by (such as <c>ready</c>).</param>
    /// <returns>The <paramref name="builder"/>, to chain.</returns>
    public static IHealthChecksBuilder AddPosFleetSqlite(this IHealthChecksBuilder builder, string name = "posfleet-sqlite", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => sp.GetService<SqliteDatabase>() is { } database
                ? new SqliteHealthCheck(database)
                : throw new InvalidOperationException("AddPosFleetSqlite checks the SQLite store, which is not registered: call UseSqliteStorageFile on the PosFleet builder."),
            failureStatus,
            tags));
    }
}
