using Microsoft.Extensions.Options;
using Npgsql;

namespace PosFleet.Connectors.PostgreSql.Internal;

/// <summary>Checks <see cref="PostgreSqlStorageOptions"/> at start-up; each failure names the option and says what to do.</summary>
internal sealed class PostgreSqlStorageOptionsValidator : IValidateOptions<PostgreSqlStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlStorageOptions options)
    {
        var errors = new List<string>();
        var hasString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        if (options.DataSource is null && !hasString)
        {
            errors.Add("PostgreSqlStorageOptions.ConnectionString is not set: use UsePostgreSqlStorage(\"Host=db;Database=posfleet;Username=posfleet\") or UsePostgreSqlStorage(dataSource).");
        }
        else if (options.DataSource is not null && hasString)
        {
            errors.Add("PostgreSqlStorageOptions sets both ConnectionString and DataSource: set only one of them.");
        }
        else if (hasString)
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                if (string.IsNullOrWhiteSpace(builder.Host))
                {
                    errors.Add("PostgreSqlStorageOptions.ConnectionString names no server: add \"Host=...\".");
                }
            }
            catch (ArgumentException ex)
            {
                errors.Add($"PostgreSqlStorageOptions.ConnectionString is not a valid PostgreSQL connection string: {ex.Message}");
            }
        }

        if (options.LogPartitionInterval < TimeSpan.FromHours(1) || options.LogPartitionInterval > TimeSpan.FromDays(366)
            || options.LogPartitionInterval.Ticks % TimeSpan.TicksPerHour != 0)
        {
            errors.Add($"PostgreSqlStorageOptions.LogPartitionInterval is {options.LogPartitionInterval}: use whole hours, from one hour to 366 days.");
        }

        if (options.MigrationLockTimeout < TimeSpan.FromMilliseconds(100) || options.MigrationLockTimeout > TimeSpan.FromHours(1))
        {
            errors.Add($"PostgreSqlStorageOptions.MigrationLockTimeout is {options.MigrationLockTimeout}: use from 100 milliseconds to one hour.");
        }

        if (options.OutboxLeaseDuration < TimeSpan.FromSeconds(1) || options.OutboxLeaseDuration > TimeSpan.FromDays(1))
        {
            errors.Add($"PostgreSqlStorageOptions.OutboxLeaseDuration is {options.OutboxLeaseDuration}: use from one second to one day, longer than the longest exchange.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
