using System.Globalization;
using Npgsql;

namespace PosFleet.Connectors.PostgreSql.Internal;

/// <summary>The settings a database is bound to once written: the log partition interval its partitions are cut by.</summary>
internal sealed partial class PostgreSqlDatabase
{
    /// <summary>
    /// Records <see cref="PartitionTicks"/> in a new database, or refuses a different one: partitions cut by another
    /// interval would overlap the stored ones. Runs under the migration lock, after the migrations.
    /// </summary>
    private async Task CheckPartitionIntervalAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        using var command = Command(
            connection,
            null,
            """
            WITH recorded AS (
                INSERT INTO posfleet_settings (name, value) VALUES ('log_partition_interval', @ticks) ON CONFLICT DO NOTHING RETURNING value)
            SELECT value FROM recorded UNION ALL SELECT value FROM posfleet_settings WHERE name = 'log_partition_interval'
            """,
            ("ticks", PartitionTicks.ToString(CultureInfo.InvariantCulture)));
        var stored = long.Parse((string)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!, CultureInfo.InvariantCulture);
        if (stored != PartitionTicks)
        {
            throw new PosFleetStorageException(string.Create(CultureInfo.InvariantCulture,
                $"PostgreSqlStorageOptions.LogPartitionInterval is {TimeSpan.FromTicks(PartitionTicks)}, but the PostgreSQL database {Name} stores its log entries in partitions of {TimeSpan.FromTicks(stored)}: set LogPartitionInterval to {TimeSpan.FromTicks(stored)} (the interval cannot change once the database is created; to use another, start from a new database). The database was not changed."));
        }
    }
}
