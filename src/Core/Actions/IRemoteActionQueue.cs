namespace PosFleet.Actions;

/// <summary>The back office's remote actions as a user sees them: queue, list, cancel, and the files terminals uploaded.</summary>
public interface IRemoteActionQueue
{
    /// <summary>
    /// Queues an action for one terminal, or for every enrolled (not revoked) terminal of the organization. For a
    /// terminal that still has an identical action pending (same name and parameters, not yet running), the request is
    /// folded into it: two "clear cache" clicks run once.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>One entry per terminal; empty when the organization has no enrolled terminal.</returns>
    /// <exception cref="ArgumentException">The request has no organization or name, or bad limits, or names a terminal not enrolled in that organization.</exception>
    Task<IReadOnlyList<RemoteActionQueued>> QueueAsync(RemoteActionRequest request, CancellationToken cancellationToken = default);

    /// <summary>Cancels an action of <paramref name="organization"/> that was not delivered yet.</summary>
    /// <param name="organization">The organization the caller acts for; another organization's action is treated as unknown.</param>
    /// <param name="id">The action.</param>
    /// <param name="reason">Why, kept in its history.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The action after the call: Canceled, or in the state that made it too late; <see langword="null"/> when unknown (or another organization's).</returns>
    Task<RemoteAction?> CancelAsync(string organization, Guid id, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>The action of <paramref name="organization"/> with this id, or <see langword="null"/> (also when it is another organization's).</summary>
    /// <param name="organization">The organization the caller acts for.</param>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The action.</returns>
    Task<RemoteAction?> GetAsync(string organization, Guid id, CancellationToken cancellationToken = default);

    /// <summary>A page of actions, newest first.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page.</returns>
    Task<RemoteActionPage> ListAsync(RemoteActionQuery query, CancellationToken cancellationToken = default);

    /// <summary>Copies the file a terminal uploaded for the action of <paramref name="organization"/> (the archive of retrieve-logs) to <paramref name="destination"/>.</summary>
    /// <param name="organization">The organization the caller acts for; another organization's action is treated as one without an upload.</param>
    /// <param name="id">The action.</param>
    /// <param name="destination">Where to write it.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>The bytes written, or -1 when the action has no upload (or is unknown, or another organization's).</returns>
    Task<long> DownloadAsync(string organization, Guid id, Stream destination, CancellationToken cancellationToken = default);
}
