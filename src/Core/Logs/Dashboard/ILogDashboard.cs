namespace PosFleet.Logs.Dashboard;

/// <summary>
/// The back office's dashboard of the last hours (48 by default): Success / Alert / Error per hour, the totals, the
/// most frequent error and alert templates with their hint, and the terminals with the most errors, read from the
/// <see cref="Storage.ILogStore"/>. Registered by <c>AddPosFleet</c>.
/// </summary>
public interface ILogDashboard
{
    /// <summary>Reads the dashboard of the window that <paramref name="query"/> names (by default, the hours up to now).</summary>
    /// <param name="query">The window's end and length, how many templates and terminals to list, and the scope.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The dashboard; every hour of the window is in it, with zeros when nothing was logged.</returns>
    /// <exception cref="ArgumentException"><paramref name="query"/> names a window that is not a whole number of hours from 1 hour to 366 days, or fewer than one item to list.</exception>
    ValueTask<LogDashboardSnapshot> GetAsync(LogDashboardQuery query, CancellationToken cancellationToken = default);
}
