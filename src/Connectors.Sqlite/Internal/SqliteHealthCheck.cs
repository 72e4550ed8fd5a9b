using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>
/// The store's file: healthy when it opens (checked and migrated on first use, as every store call does) and answers
/// a read of its schema version; unhealthy with the reason (corrupt, read-only, busy past the timeout, newer schema)
/// otherwise. Cheap: no integrity check, which on a large file reads all of it.
/// </summary>
internal sealed class SqliteHealthCheck(SqliteDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT version FROM {SqliteMigrations.VersionTable};";
                var version = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                var data = new Dictionary<string, object> { ["path"] = database.Path, ["schemaVersion"] = version };
                return HealthCheckResult.Healthy($"The database '{database.Path}' answers (schema version {version}).", data);
            }
        }
        catch (SqliteException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, database.Explain(ex).Message, ex);
        }
        catch (PosFleetStorageException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, ex.Message, ex);
        }
    }
}
