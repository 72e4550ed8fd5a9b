namespace PosFleet.Sync.Exchange;

/// <summary>
/// The back office's side of the exchange, which every transport's server end calls (the ASP.NET Core endpoint, the
/// in-process transport): authenticates the credential, binds the request to that terminal and its organization,
/// checks versions and applies the outbox batch idempotently.
/// </summary>
public interface ISyncExchangeHandler
{
    /// <summary>Handles one request.</summary>
    /// <param name="credential">The credential the terminal presented (<see cref="Enrolment.TerminalEnrolment.Credential"/>), or <see langword="null"/> when it presented none.</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the handling; what was committed stays committed and is acknowledged on replay.</param>
    /// <returns>
    /// <see cref="SyncExchangeStatus.Ok"/> with the response (which may carry a <see cref="SyncResponse.Refusal"/>),
    /// or the status of a request that was refused before anything was written.
    /// </returns>
    ValueTask<SyncExchangeResult> HandleAsync(string? credential, SyncRequest request, CancellationToken cancellationToken);
}
