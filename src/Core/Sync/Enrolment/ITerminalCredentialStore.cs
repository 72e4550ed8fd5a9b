namespace PosFleet.Sync.Enrolment;

/// <summary>Where the back office keeps its terminals' credentials (their hashes, never the secrets): memory, SQLite, PostgreSQL.</summary>
public interface ITerminalCredentialStore
{
    /// <summary>Saves a terminal's credential, replacing the one it had.</summary>
    /// <param name="record">The credential.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    ValueTask SaveAsync(TerminalCredentialRecord record, CancellationToken cancellationToken);

    /// <summary>The terminal's credential, revoked or not, or <see langword="null"/> when it was never enrolled.</summary>
    /// <param name="terminalId">The terminal's id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The credential, or <see langword="null"/>.</returns>
    ValueTask<TerminalCredentialRecord?> GetAsync(string terminalId, CancellationToken cancellationToken);

    /// <summary>Marks the terminal's credential revoked at <paramref name="revokedAt"/>, unless it already is.</summary>
    /// <param name="terminalId">The terminal's id.</param>
    /// <param name="revokedAt">When it was revoked.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether a credential that was not yet revoked was revoked now.</returns>
    ValueTask<bool> RevokeAsync(string terminalId, DateTimeOffset revokedAt, CancellationToken cancellationToken);

    /// <summary>The credentials of an organization's terminals, or of every terminal, ordered by terminal id.</summary>
    /// <param name="organization">The organization, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The credentials.</returns>
    ValueTask<IReadOnlyList<TerminalCredentialRecord>> ListAsync(string? organization, CancellationToken cancellationToken);
}
