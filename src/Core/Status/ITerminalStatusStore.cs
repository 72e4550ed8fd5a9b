namespace PosFleet.Status;

/// <summary>
/// The back office's record of its terminals' status: the latest heartbeat per terminal and the history of the sync
/// errors they reported, bounded per terminal and purged by age. Its query judges health and applies the viewer's
/// organizations itself, so that filters, order and pages agree and a viewer never receives a row they may not see.
/// </summary>
public interface ITerminalStatusStore
{
    /// <summary>
    /// Keeps <paramref name="status"/> as the terminal's latest (a heartbeat received earlier than the one held is
    /// ignored) and, when it carries an error, adds it to the terminal's error history, dropping the oldest past <paramref name="maxErrorsPerTerminal"/>.
    /// </summary>
    /// <param name="status">The status.</param>
    /// <param name="maxErrorsPerTerminal">How many errors are kept per terminal.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    ValueTask RecordAsync(TerminalStatus status, int maxErrorsPerTerminal, CancellationToken cancellationToken);

    /// <summary>A terminal's latest status, or <see langword="null"/> when it never reported.</summary>
    /// <param name="terminalId">The terminal.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The status.</returns>
    ValueTask<TerminalStatus?> GetAsync(string terminalId, CancellationToken cancellationToken);

    /// <summary>The organizations that have at least one terminal status, in ordinal order.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The organizations.</returns>
    ValueTask<IReadOnlyList<string>> ListOrganizationsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A page of the status board: the terminals of the organizations <paramref name="access"/> allows that match
    /// <paramref name="query"/> (already validated), with their health by <paramref name="rules"/>.
    /// </summary>
    /// <param name="access">The organizations the viewer may see.</param>
    /// <param name="query">The filters, order and page.</param>
    /// <param name="rules">How health is judged.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page.</returns>
    ValueTask<StatusBoardPage> QueryAsync(StatusBoardAccess access, StatusBoardQuery query, TerminalHealthRules rules, CancellationToken cancellationToken);

    /// <summary>
    /// A page of a terminal's sync errors, newest first (by receipt, then by order of recording), only those recorded
    /// for an organization <paramref name="access"/> allows and <paramref name="query"/> names (already validated).
    /// </summary>
    /// <param name="access">The organizations the viewer may see.</param>
    /// <param name="query">The terminal, organization and page.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page.</returns>
    ValueTask<SyncErrorPage> ListErrorsAsync(StatusBoardAccess access, SyncErrorQuery query, CancellationToken cancellationToken);

    /// <summary>Deletes the sync errors received before <paramref name="olderThan"/> (<see cref="StatusOptions.ErrorRetention"/>); the latest status of each terminal stays.</summary>
    /// <param name="olderThan">Errors received before this instant go.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many errors were deleted.</returns>
    ValueTask<long> PurgeErrorsAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);
}
