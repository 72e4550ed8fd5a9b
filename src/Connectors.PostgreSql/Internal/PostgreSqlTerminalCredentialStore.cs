using Npgsql;
using PosFleet.Sync.Enrolment;

namespace PosFleet.Connectors.PostgreSql.Internal;

/// <summary>The back office's terminal credentials (hashes only) on PostgreSQL.</summary>
internal sealed class PostgreSqlTerminalCredentialStore(PostgreSqlDatabase database) : ITerminalCredentialStore
{
    private const string Columns = "terminal, organization, secret_hash, issued_at, revoked_at";

    public async ValueTask SaveAsync(TerminalCredentialRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await database.ExecuteAsync(
            $"""
            INSERT INTO sync_terminal_credentials ({Columns}) VALUES (@terminal, @organization, @hash, @issued, @revoked)
            ON CONFLICT (terminal) DO UPDATE SET organization = EXCLUDED.organization, secret_hash = EXCLUDED.secret_hash,
                issued_at = EXCLUDED.issued_at, revoked_at = EXCLUDED.revoked_at
            """,
            cancellationToken,
            ("terminal", record.TerminalId),
            ("organization", record.Organization),
            ("hash", record.SecretHash),
            ("issued", record.IssuedAt.UtcTicks),
            ("revoked", record.RevokedAt?.UtcTicks)).ConfigureAwait(false);
    }

    public async ValueTask<TerminalCredentialRecord?> GetAsync(string terminalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminalId);
        return (await database.QueryAsync($"SELECT {Columns} FROM sync_terminal_credentials WHERE terminal = @terminal", Read, cancellationToken, ("terminal", terminalId))
            .ConfigureAwait(false)).FirstOrDefault();
    }

    public async ValueTask<bool> RevokeAsync(string terminalId, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminalId);
        return await database.ExecuteAsync(
            "UPDATE sync_terminal_credentials SET revoked_at = @revoked WHERE terminal = @terminal AND revoked_at IS NULL",
            cancellationToken,
            ("terminal", terminalId),
            ("revoked", revokedAt.UtcTicks)).ConfigureAwait(false) == 1;
    }

    public async ValueTask<IReadOnlyList<TerminalCredentialRecord>> ListAsync(string? organization, CancellationToken cancellationToken) =>
        organization is null
            ? await database.QueryAsync($"SELECT {Columns} FROM sync_terminal_credentials ORDER BY terminal", Read, cancellationToken).ConfigureAwait(false)
            : await database.QueryAsync(
                $"SELECT {Columns} FROM sync_terminal_credentials WHERE organization = @organization ORDER BY terminal", Read, cancellationToken, ("organization", organization))
                .ConfigureAwait(false);

    private static TerminalCredentialRecord Read(NpgsqlDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        new DateTimeOffset(r.GetInt64(3), TimeSpan.Zero),
        r.IsDBNull(4) ? null : new DateTimeOffset(r.GetInt64(4), TimeSpan.Zero));
}
