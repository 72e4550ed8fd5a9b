namespace PosFleet.Sync.Enrolment;

/// <summary>
/// The back office's terminals and their credentials: enrolment issues a terminal its own secret (shown once, kept
/// only as a hash), revocation withdraws it, and every exchange is authenticated against it.
/// </summary>
public interface ITerminalRegistry
{
    /// <summary>
    /// Enrols a terminal in an organization and issues it a new credential; a credential issued to it before stops
    /// working. The credential is in the result only: give it to the terminal (a file or a secret store, never a
    /// command line) and do not log it.
    /// </summary>
    /// <param name="terminalId">The terminal's id.</param>
    /// <param name="organization">The organization it belongs to; it can reach nothing of another.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The enrolment, with the credential.</returns>
    ValueTask<TerminalEnrolment> EnrolAsync(string terminalId, string organization, CancellationToken cancellationToken = default);

    /// <summary>Revokes the terminal's credential: its next exchange is refused as unauthorized until it is enrolled again.</summary>
    /// <param name="terminalId">The terminal's id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the terminal had a credential that was not yet revoked.</returns>
    ValueTask<bool> RevokeAsync(string terminalId, CancellationToken cancellationToken = default);

    /// <summary>Who presents <paramref name="credential"/>: the terminal it was issued to, or <see langword="null"/> when it is unknown, malformed, revoked or wrong.</summary>
    /// <param name="credential">The credential the terminal presented.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The terminal and its organization, or <see langword="null"/>.</returns>
    ValueTask<TerminalIdentity?> AuthenticateAsync(string? credential, CancellationToken cancellationToken = default);
}
