using Microsoft.Data.Sqlite;
using PosFleet.Sync.Enrolment;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>The back office's terminal credentials (their hashes) in the SQLite file.</summary>
internal sealed class SqliteTerminalCredentialStore(SqliteDatabase database) : ITerminalCredentialStore
{
    private const string Columns = "terminal, organization, secret_hash, issued_at, revoked_at";

    public async ValueTask SaveAsync(TerminalCredentialRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await UseAsync(
            async connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"""
                    INSERT INTO sync_terminal_credentials ({Columns}) VALUES ($terminal, $organization, $hash, $issued, $revoked)
                    ON CONFLICT (terminal) DO UPDATE SET organization = excluded.organization, secret_hash = excluded.secret_hash,
                        issued_at = excluded.issued_at, revoked_at = excluded.revoked_at;
                    """;
                command.Parameters.AddWithValue("$terminal", record.TerminalId);
                command.Parameters.AddWithValue("$organization", record.Organization);
                command.Parameters.AddWithValue("$hash", record.SecretHash);
                command.Parameters.AddWithValue("$issued", record.IssuedAt.UtcTicks);
                command.Parameters.AddWithValue("$revoked", record.RevokedAt is { } revoked ? revoked.UtcTicks : DBNull.Value);
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<TerminalCredentialRecord?> GetAsync(string terminalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminalId);
        var records = await QueryAsync("WHERE terminal = $terminal", "$terminal", terminalId, cancellationToken).ConfigureAwait(false);
        return records.Count == 0 ? null : records[0];
    }

    public async ValueTask<bool> RevokeAsync(string terminalId, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminalId);
        return await UseAsync(
            async connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "UPDATE sync_terminal_credentials SET revoked_at = $revoked WHERE terminal = $terminal AND revoked_at IS NULL;";
                command.Parameters.AddWithValue("$terminal", terminalId);
                command.Parameters.AddWithValue("$revoked", revokedAt.UtcTicks);
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<TerminalCredentialRecord>> ListAsync(string? organization, CancellationToken cancellationToken) =>
        organization is null
            ? await QueryAsync("", null, null, cancellationToken).ConfigureAwait(false)
            : await QueryAsync("WHERE organization = $organization", "$organization", organization, cancellationToken).ConfigureAwait(false);

    private Task<List<TerminalCredentialRecord>> QueryAsync(string where, string? parameter, string? value, CancellationToken cancellationToken) =>
        UseAsync(
            async connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {Columns} FROM sync_terminal_credentials {where} ORDER BY terminal;";
                if (parameter is not null)
                {
                    command.Parameters.AddWithValue(parameter, value);
                }

                var records = new List<TerminalCredentialRecord>();
                using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    records.Add(new TerminalCredentialRecord(
                        reader.GetString(0),
                        reader.GetString(1),
                        reader.GetString(2),
                        new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
                        reader.IsDBNull(4) ? null : new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero)));
                }

                return records;
            },
            cancellationToken);

    private async Task<T> UseAsync<T>(Func<SqliteConnection, Task<T>> use, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                return await use(connection).ConfigureAwait(false);
            }
            catch (SqliteException ex)
            {
                throw database.Explain(ex);
            }
        }
    }
}
