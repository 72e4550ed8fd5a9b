namespace PosFleet.Sync.Exchange;

/// <summary>
/// Carries one exchange from a terminal to its back office: in process (tests, demos) or over HTTP. A transport sends
/// the terminal's credential (<see cref="Agent.SyncAgentOptions.Credential"/>) with every request and never logs it.
/// </summary>
public interface ISyncTransport
{
    /// <summary>Sends <paramref name="request"/> and returns the back office's response.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    /// <returns>The response.</returns>
    /// <exception cref="SyncExchangeException">The back office refused the credential (<see cref="SyncExchangeStatus.Unauthorized"/>, <see cref="SyncExchangeStatus.Forbidden"/>) or the request.</exception>
    /// <remarks>Any other exception means the back office could not be reached, or its answer was lost: the terminal tries again later, and the back office's deduplication makes that safe.</remarks>
    Task<SyncResponse> ExchangeAsync(SyncRequest request, CancellationToken cancellationToken);
}
