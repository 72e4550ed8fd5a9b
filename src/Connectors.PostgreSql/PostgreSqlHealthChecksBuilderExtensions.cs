using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PosFleet.Connectors.PostgreSql.Internal;

namespace PosFleet.Connectors.PostgreSql;

/// <summary>The PostgreSQL store's health check on <c>services.AddHealthChecks()</c>.</summary>
public static class PostgreSqlHealthChecksBuilderExtensions
{
    /// <summary>
    /// Checks the database of <c>UsePostgreSqlStorage</c>: the server answers, the schema is PosFleet's (migrated if it
    /// was behind) and not newer than this version. Unhealthy with the reason otherwise; the connection string's
    /// password never appears in the result.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status reported when unhealthy; <see cref="HealthStatus.Unhealthy"/> when <see langword="null"/>.</param>
    /// <param name="tags">Tags to filter checks by (such as <c>ready</c>).</param>
    /// <returns>The <paramref name="builder"/>, to chain.</returns>
    public static IHealthChecksBuilder AddPosFleetPostgreSql(this IHealthChecksBuilder builder, string name = "posfleet-postgresql", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => sp.GetService<PostgreSqlDatabase>() is { } database
                ? new PostgreSqlHealthCheck(database)
                : throw new InvalidOperationException("AddPosFleetPostgreSql checks the PostgreSQL store, which is not registered: call UsePostgreSqlStorage on the PosFleet builder."),
            failureStatus,
            tags));
    }
}
