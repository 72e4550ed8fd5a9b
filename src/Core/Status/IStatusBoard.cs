using System.Security.Claims;

namespace PosFleet.Status;

/// <summary>
/// The status board (seed 004): every terminal's latest status with its health, filtered, sorted and paged, limited to
/// the organizations the viewer may see; and the same board as an Excel workbook with its colours.
/// </summary>
public interface IStatusBoard
{
    /// <summary>What a signed-in user may see: the organizations <see cref="IOutletSetupPermissions"/> grants them (none when it grants none).</summary>
    /// <param name="user">The user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The user's access, for <see cref="QueryAsync"/> and <see cref="ExportXlsxAsync"/>.</returns>
    Task<StatusBoardAccess> GetAccessAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default);

    /// <summary>A page of the board for a viewer; rows of organizations outside <paramref name="access"/> are never returned.</summary>
    /// <param name="access">The organizations the viewer may see.</param>
    /// <param name="query">The filters, order and page.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentException">A value of <paramref name="query"/> is out of range.</exception>
    Task<StatusBoardPage> QueryAsync(StatusBoardAccess access, StatusBoardQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// A page of a terminal's sync error history (kept per terminal, bounded and purged by age), newest first; errors
    /// recorded for an organization outside <paramref name="access"/> are never returned, whatever the query names.
    /// </summary>
    /// <param name="access">The organizations the viewer may see.</param>
    /// <param name="query">The terminal, organization and page.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentException">A value of <paramref name="query"/> is out of range.</exception>
    Task<SyncErrorPage> GetSyncErrorsAsync(StatusBoardAccess access, SyncErrorQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the whole board with <paramref name="query"/>'s filters and order (every page from the first, regardless
    /// of <see cref="StatusBoardQuery.After"/>) as an <c>.xlsx</c> workbook, each row filled with its health's colour.
    /// </summary>
    /// <param name="access">The organizations the viewer may see.</param>
    /// <param name="query">The filters and order.</param>
    /// <param name="destination">Where the workbook is written (left open).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many terminals were written.</returns>
    Task<int> ExportXlsxAsync(StatusBoardAccess access, StatusBoardQuery query, Stream destination, CancellationToken cancellationToken = default);
}
