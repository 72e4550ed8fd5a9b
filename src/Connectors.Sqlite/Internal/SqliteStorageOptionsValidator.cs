using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>Checks <see cref="SqliteStorageOptions"/> at start-up; each failure names the option and says what to do.</summary>
internal sealed class SqliteStorageOptionsValidator : IValidateOptions<SqliteStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteStorageOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add("SqliteStorageOptions.ConnectionString is not set: use UseSqliteStorage(\"Data Source=fleet.db\").");
        }
        else
        {
            try
            {
                if (string.IsNullOrWhiteSpace(new SqliteConnectionStringBuilder(options.ConnectionString).DataSource))
                {
                    errors.Add("SqliteStorageOptions.ConnectionString names no file: add \"Data Source=fleet.db\".");
                }
            }
            catch (ArgumentException ex)
            {
                errors.Add($"SqliteStorageOptions.ConnectionString is not a valid SQLite connection string: {ex.Message}");
            }
        }

        if (options.BusyTimeout <= TimeSpan.Zero || options.BusyTimeout > TimeSpan.FromHours(1))
        {
            errors.Add($"SqliteStorageOptions.BusyTimeout is {options.BusyTimeout}: use a duration above zero and at most one hour.");
        }

        if (options.RetentionChunkSize is < 1 or > 1_000_000)
        {
            errors.Add($"SqliteStorageOptions.RetentionChunkSize is {options.RetentionChunkSize}: use a number from 1 to 1,000,000.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
