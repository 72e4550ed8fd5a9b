using System.Text.Json;
using PosFleet.Sync.Configurations;

namespace PosFleet.Connectors.Sqlite.Internal.Changes;

/// <summary>The back office's connector configurations per terminal in the SQLite file: desired version and settings, and the version each terminal reports.</summary>
internal sealed class SqliteTerminalConfigurationStore(SqliteDatabase database) : ITerminalConfigurationStore
{
    public async ValueTask<TerminalConfiguration> SetAsync(string terminalId, IReadOnlyDictionary<string, string> settings, TimeSpan? syncInterval, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(terminalId);
        ArgumentNullException.ThrowIfNull(settings);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO sync_terminal_configurations (terminal, version, sync_interval_ms, settings) VALUES ($terminal, 1, $interval, $settings)
                ON CONFLICT (terminal) DO UPDATE SET version = version + 1, sync_interval_ms = excluded.sync_interval_ms, settings = excluded.settings
                RETURNING version;
                """;
            command.Parameters.AddWithValue("$terminal", terminalId);
            command.Parameters.AddWithValue("$interval", syncInterval is { } interval ? (long)interval.TotalMilliseconds : DBNull.Value);
            command.Parameters.AddWithValue("$settings", JsonSerializer.Serialize(settings.ToDictionary(), ConfigurationJsonContext.Default.DictionaryStringString));
            var version = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            return new TerminalConfiguration { Version = version, SyncInterval = syncInterval, Settings = new Dictionary<string, string>(settings, StringComparer.Ordinal) };
        }
    }

    public async ValueTask<TerminalConfiguration?> GetDesiredAsync(string terminalId, CancellationToken cancellationToken)
    {
        var states = await ReadAsync(terminalId, cancellationToken).ConfigureAwait(false);
        return states.Count == 0 ? null : states[0].Desired;
    }

    public async ValueTask ReportAsync(string terminalId, long version, DateTimeOffset reportedAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(terminalId);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE sync_terminal_configurations SET reported_version = $version, reported_at = $at WHERE terminal = $terminal AND (reported_version IS NOT $version OR reported_at IS NULL);";
            command.Parameters.AddWithValue("$terminal", terminalId);
            command.Parameters.AddWithValue("$version", version);
            command.Parameters.AddWithValue("$at", reportedAt.UtcTicks);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<IReadOnlyList<TerminalConfigurationState>> ListAsync(CancellationToken cancellationToken) =>
        await ReadAsync(null, cancellationToken).ConfigureAwait(false);

    private async ValueTask<List<TerminalConfigurationState>> ReadAsync(string? terminalId, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT terminal, version, sync_interval_ms, settings, reported_version, reported_at FROM sync_terminal_configurations WHERE $terminal IS NULL OR terminal = $terminal ORDER BY terminal;";
            command.Parameters.AddWithValue("$terminal", (object?)terminalId ?? DBNull.Value);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var states = new List<TerminalConfigurationState>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                states.Add(new TerminalConfigurationState
                {
                    TerminalId = reader.GetString(0),
                    Desired = new TerminalConfiguration
                    {
                        Version = reader.GetInt64(1),
                        SyncInterval = reader.IsDBNull(2) ? null : TimeSpan.FromMilliseconds(reader.GetInt64(2)),
                        Settings = JsonSerializer.Deserialize(reader.GetString(3), ConfigurationJsonContext.Default.DictionaryStringString) ?? [],
                    },
                    ReportedVersion = reader.IsDBNull(4) ? null : reader.GetInt64(4),
                    ReportedAt = reader.IsDBNull(5) ? null : new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero),
                });
            }

            return states;
        }
    }

    private ValueTask<Microsoft.Data.Sqlite.SqliteConnection> OpenAsync(CancellationToken cancellationToken) =>
        new(database.OpenAsync(cancellationToken));
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class ConfigurationJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
