namespace PosFleet.Actions.Terminal;

/// <summary>
/// The terminal's journal of remote actions: which it received (so a delivery received twice runs once), which attempt
/// started (so one found running after a restart is a recovery), and the reports waiting for the back office's
/// acknowledgement. Each method is atomic; a state change and the report that tells it are written together. A journal
/// derives its tests from PosFleet.Testing's <c>RemoteActionJournalConformanceTests</c>.
/// </summary>
public interface IRemoteActionJournal
{
    /// <summary>Records a delivery, unless this action is already in the journal.</summary>
    /// <param name="delivery">The delivery.</param>
    /// <param name="at">When it was received.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when it is new.</returns>
    ValueTask<bool> ReceiveAsync(RemoteActionDelivery delivery, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The action's entry, or <see langword="null"/>.</summary>
    /// <param name="actionId">The action.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entry.</returns>
    ValueTask<RemoteActionEntry?> GetAsync(Guid actionId, CancellationToken cancellationToken);

    /// <summary>The entries in <paramref name="state"/>, oldest received first.</summary>
    /// <param name="state">The state.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entries.</returns>
    ValueTask<IReadOnlyList<RemoteActionEntry>> ListAsync(RemoteActionEntryState state, CancellationToken cancellationToken);

    /// <summary>
    /// Marks an attempt started and queues its Running report, if the entry is Received or Running with an earlier
    /// attempt (a retry or a recovery); otherwise changes nothing.
    /// </summary>
    /// <param name="report">The Running report: its action and attempt.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the attempt was marked started.</returns>
    ValueTask<bool> StartAsync(RemoteActionReport report, CancellationToken cancellationToken);

    /// <summary>
    /// Ends the action and queues its outcome report, once: an entry already Uploading or Finished is left as it is.
    /// With <paramref name="uploadPath"/>, the entry is Uploading and its outcome is held until <see cref="SetUploadedAsync"/> reaches the file's end.
    /// </summary>
    /// <param name="report">The outcome.</param>
    /// <param name="uploadPath">A file to upload first, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the action was ended by this call.</returns>
    ValueTask<bool> FinishAsync(RemoteActionReport report, string? uploadPath, CancellationToken cancellationToken);

    /// <summary>Records how far the upload was acknowledged; at <paramref name="length"/> the entry is Finished and its outcome report released.</summary>
    /// <param name="actionId">The action.</param>
    /// <param name="uploaded">The bytes acknowledged.</param>
    /// <param name="length">The file's length.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    ValueTask SetUploadedAsync(Guid actionId, long uploaded, long length, CancellationToken cancellationToken);

    /// <summary>The reports waiting to be sent (those of an action still uploading held back), oldest first, at most <paramref name="max"/>.</summary>
    /// <param name="max">The most reports.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The reports.</returns>
    ValueTask<IReadOnlyList<RemoteActionReport>> PeekReportsAsync(int max, CancellationToken cancellationToken);

    /// <summary>Deletes the reports the back office recorded; unknown ids are ignored.</summary>
    /// <param name="reportIds">The ids.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many were deleted.</returns>
    ValueTask<int> AcknowledgeReportsAsync(IReadOnlyCollection<Guid> reportIds, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the Finished entries received before <paramref name="receivedBefore"/> whose reports were all acknowledged
    /// (an entry whose outcome has not reached the back office stays, so a redelivery still finds it).
    /// </summary>
    /// <param name="receivedBefore">The cut-off.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many entries were deleted.</returns>
    ValueTask<long> PurgeFinishedAsync(DateTimeOffset receivedBefore, CancellationToken cancellationToken);
}
