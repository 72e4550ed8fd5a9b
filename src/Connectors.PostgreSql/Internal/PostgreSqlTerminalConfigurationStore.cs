using Npgsql;
using PosFleet.Sync.Configurations;

namespace PosFleet.Connectors.PostgreSql.Internal;

/// <summary>The back office's connector configurations per terminal on PostgreSQL: desired version and settings, and the version each terminal reports.</summary>
internal sealed class PostgreSqlTerminalConfigurationStore(PostgreSqlDatabase database) : ITerminalConfigurationStore
{
    private const string Columns = "terminal, version, sync_interval_ms, setting_keys, setting_values, reported_version, reported_at";

    public async ValueTask<TerminalConfiguration> SetAsync(string terminalId, IReadOnlyDictionary<string, string> settings, TimeSpan? syncInterval, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(terminalId);
        ArgumentNullException.ThrowIfNull(settings);
        var pairs = settings.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var version = (long)(await database.ScalarAsync(
            """
            INSERT INTO sync_terminal_configurations (terminal, version, sync_interval_ms, setting_keys, setting_values) VALUES (@terminal, 1, @interval, @keys, @values)
            ON CONFLICT (terminal) DO UPDATE SET version = sync_terminal_configurations.version + 1, sync_interval_ms = EXCLUDED.sync_interval_ms,
                setting_keys = EXCLUDED.setting_keys, setting_values = EXCLUDED.setting_values
            RETURNING version
            """,
            cancellationToken,
            ("terminal", terminalId),
            ("interval", syncInterval is { } interval ? (long)interval.TotalMilliseconds : null),
            ("keys", pairs.Select(p => p.Key).ToArray()),
            ("values", pairs.Select(p => p.Value).ToArray())).ConfigureAwait(false))!;
        return new TerminalConfiguration { Version = version, SyncInterval = syncInterval, Settings = new Dictionary<string, string>(settings, StringComparer.Ordinal) };
    }

    public async ValueTask<TerminalConfiguration?> GetDesiredAsync(string terminalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminalId);
        var states = await database.QueryAsync($"SELECT {Columns} FROM sync_terminal_configurations WHERE terminal = @terminal", Read, cancellationToken, ("terminal", terminalId))
            .ConfigureAwait(false);
        return states.Count == 0 ? null : states[0].Desired;
    }

    public async ValueTask ReportAsync(string terminalId, long version, DateTimeOffset reportedAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(terminalId);
        await database.ExecuteAsync(
            """
            UPDATE sync_terminal_configurations SET reported_version = @version, reported_at = @at
            WHERE terminal = @terminal AND (reported_version IS DISTINCT FROM @version OR reported_at IS NULL)
            """,
            cancellationToken,
            ("terminal", terminalId),
            ("version", version),
            ("at", reportedAt.UtcTicks)).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<TerminalConfigurationState>> ListAsync(CancellationToken cancellationToken) =>
        await database.QueryAsync($"SELECT {Columns} FROM sync_terminal_configurations ORDER BY terminal", Read, cancellationToken).ConfigureAwait(false);

    private static TerminalConfigurationState Read(NpgsqlDataReader r)
    {
        var keys = r.GetFieldValue<string[]>(3);
        var values = r.GetFieldValue<string[]>(4);
        var settings = new Dictionary<string, string>(keys.Length, StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            settings[keys[i]] = values[i];
        }

        return new TerminalConfigurationState
        {
            TerminalId = r.GetString(0),
            Desired = new TerminalConfiguration
            {
                Version = r.GetInt64(1),
                SyncInterval = r.IsDBNull(2) ? null : TimeSpan.FromMilliseconds(r.GetInt64(2)),
                Settings = settings,
            },
            ReportedVersion = r.IsDBNull(5) ? null : r.GetInt64(5),
            ReportedAt = r.IsDBNull(6) ? null : new DateTimeOffset(r.GetInt64(6), TimeSpan.Zero),
        };
    }
}
