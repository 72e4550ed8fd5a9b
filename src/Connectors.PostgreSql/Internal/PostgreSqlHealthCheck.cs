using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace PosFleet.Connectors.PostgreSql.Internal;

/// <summary>
/// The store's database: healthy when the server answers and the schema is PosFleet's at the version this build writes
/// (migrated on first use, as every store call does); unhealthy with the reason otherwise. The version is read on each
/// check, so a database a newer instance upgraded since start-up shows. Messages name the server and database
/// (<see cref="PostgreSqlDatabase.Name"/>), never the password, and carry no exception (whose text a host may log).
/// </summary>
internal sealed class PostgreSqlHealthCheck(PostgreSqlDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var version = (int)(await database.ScalarAsync($"SELECT max(version) FROM {PostgreSqlMigrations.VersionTable}", cancellationToken).ConfigureAwait(false) ?? 0);
            var data = new Dictionary<string, object> { ["database"] = database.Name, ["schemaVersion"] = version };
            return version == PostgreSqlMigrations.Latest
                ? HealthCheckResult.Healthy($"The PostgreSQL database {database.Name} answers (schema version {version}).", data)
                : new HealthCheckResult(context.Registration.FailureStatus, string.Create(CultureInfo.InvariantCulture,
                    $"The PostgreSQL database {database.Name} is at schema version {version}, this version of PosFleet writes {PostgreSqlMigrations.Latest}: {(version > PostgreSqlMigrations.Latest ? "upgrade PosFleet on this host" : "restart this host to migrate it")}."), data: data);
        }
        catch (PosFleetStorageException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, ex.Message);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"The PostgreSQL database {database.Name} does not answer ({ex.Message.TrimEnd('.')}).");
        }
    }
}
