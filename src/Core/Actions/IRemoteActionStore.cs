namespace PosFleet.Actions;

/// <summary>
/// The back office's remote actions: each action with its state and history, the terminals' reports and uploads. Each
/// method is one atomic step; every one that takes an organization (or a terminal) acts only on its actions, and
/// answers for another organization's action as for an unknown one. A store derives
/// its tests from PosFleet.Testing's <c>RemoteActionStoreConformanceTests</c>.
/// </summary>
public interface IRemoteActionStore
{
    /// <summary>
    /// Adds <paramref name="action"/> (state Pending, its history holding that state), unless an identical one (same
    /// organization, terminal, name and parameters) is still Pending or Delivered and within its time to live at the new
    /// action's <see cref="RemoteAction.CreatedAt"/>: that one is returned, collapsed. An expired one is never collapsed into.
    /// </summary>
    /// <param name="action">The action.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored action, and whether it was collapsed into an existing one.</returns>
    ValueTask<RemoteActionQueued> AddAsync(RemoteAction action, CancellationToken cancellationToken);

    /// <summary>The action of <paramref name="organization"/> with this id, or <see langword="null"/> (also when it is another organization's).</summary>
    /// <param name="organization">The organization asked for.</param>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The action.</returns>
    ValueTask<RemoteAction?> GetAsync(string organization, Guid id, CancellationToken cancellationToken);

    /// <summary>A page of actions, newest first (by creation time, then id), after <see cref="RemoteActionQuery.After"/>.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page.</returns>
    ValueTask<RemoteActionPage> ListAsync(RemoteActionQuery query, CancellationToken cancellationToken);

    /// <summary>Cancels the action of <paramref name="organization"/> if it is still Pending; another organization's is left as it is.</summary>
    /// <param name="organization">The organization asked for.</param>
    /// <param name="id">The id.</param>
    /// <param name="at">When.</param>
    /// <param name="reason">Why, recorded in its history.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The action after the call (Canceled, or as it was when it could no longer be canceled), or <see langword="null"/> when unknown (or another organization's).</returns>
    ValueTask<RemoteAction?> CancelAsync(string organization, Guid id, DateTimeOffset at, string? reason, CancellationToken cancellationToken);

    /// <summary>
    /// Expires every action still Pending or Delivered whose time to live ended at or before <paramref name="now"/>
    /// (<see cref="RemoteActionRules.Expire"/>), whether or not its terminal exchanges; Running ones are left to their
    /// terminal's report.
    /// </summary>
    /// <param name="now">The back office's clock.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many actions became Expired.</returns>
    ValueTask<long> ExpireAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// The terminal's actions to send in a response: its Pending ones past their time to live become Expired, the
    /// others become Delivered; then every Delivered one (including those delivered before and not yet reported on),
    /// oldest first, at most <paramref name="max"/>.
    /// </summary>
    /// <param name="organization">The terminal's organization (from its credential).</param>
    /// <param name="terminalId">The terminal (from its credential).</param>
    /// <param name="now">The back office's clock.</param>
    /// <param name="max">The most actions returned.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The actions to deliver.</returns>
    ValueTask<IReadOnlyList<RemoteAction>> DeliverAsync(string organization, string terminalId, DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Records a terminal's report, if the action is this terminal's: Running (with its attempt and reason) while the
    /// action is Delivered or Running; an outcome once, while it is not done; an upload chunk that starts at or before
    /// the stored length without passing <paramref name="maxUploadBytes"/>. Anything else writes nothing.
    /// </summary>
    /// <param name="organization">The reporting terminal's organization (from its credential).</param>
    /// <param name="terminalId">The reporting terminal (from its credential).</param>
    /// <param name="report">The report; its detail and output are already bounded.</param>
    /// <param name="maxUploadBytes">The largest upload kept for one action.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What was done.</returns>
    ValueTask<RemoteActionRecordResult> RecordAsync(string organization, string terminalId, RemoteActionReport report, long maxUploadBytes, CancellationToken cancellationToken);

    /// <summary>Copies the file uploaded for the action of <paramref name="organization"/> (as far as it was uploaded) to <paramref name="destination"/>.</summary>
    /// <param name="organization">The organization asked for.</param>
    /// <param name="id">The action.</param>
    /// <param name="destination">Where to copy it.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>The bytes copied, or -1 when the action has no upload (or is unknown, or another organization's).</returns>
    ValueTask<long> CopyUploadToAsync(string organization, Guid id, Stream destination, CancellationToken cancellationToken);
}
