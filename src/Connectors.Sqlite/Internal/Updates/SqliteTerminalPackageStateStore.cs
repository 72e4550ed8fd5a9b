using PosFleet.Updates;

namespace PosFleet.Connectors.Sqlite.Internal.Updates;

/// <summary>The terminal's package state in its SQLite file, so that a Once confirmation and the last answer outlive a restart.</summary>
internal sealed class SqliteTerminalPackageStateStore(SqliteDatabase database) : ITerminalPackageStateStore
{
    public async ValueTask<TerminalPackageState?> GetAsync(string packageId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT package_id, installed_version, confirmed, result_version, result_outcome, result_detail, result_at, installed_at, installing_version FROM package_terminal_state WHERE package_id = $package;";
            command.Parameters.AddWithValue("$package", packageId);
            using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return new TerminalPackageState
            {
                PackageId = r.GetString(0),
                InstalledVersion = r.IsDBNull(1) ? null : r.GetString(1),
                Confirmed = r.GetInt64(2) != 0,
                LastResult = PackageRows.ReadResult(r, 3),
                InstalledAt = PackageRows.Instant(r, 7),
                InstallingVersion = r.IsDBNull(8) ? null : r.GetString(8),
            };
        }
    }

    public async ValueTask SaveAsync(TerminalPackageState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT OR REPLACE INTO package_terminal_state (package_id, installed_version, confirmed, result_version, result_outcome, result_detail, result_at, installed_at, installing_version)
                VALUES ($package, $installed, $confirmed, $result_version, $outcome, $detail, $result_at, $installed_at, $installing);
                """;
            command.Parameters.AddWithValue("$package", state.PackageId);
            command.Parameters.AddWithValue("$installed", (object?)state.InstalledVersion ?? DBNull.Value);
            command.Parameters.AddWithValue("$confirmed", state.Confirmed ? 1 : 0);
            command.Parameters.AddWithValue("$installing", (object?)state.InstallingVersion ?? DBNull.Value);
            command.Parameters.AddWithValue("$installed_at", (object?)state.InstalledAt?.UtcTicks ?? DBNull.Value);
            SqlitePackageStore.AddResult(command.Parameters, state.LastResult);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
