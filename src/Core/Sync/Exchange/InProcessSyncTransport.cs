using Microsoft.Extensions.Options;
using PosFleet.Sync.Agent;

namespace PosFleet.Sync.Exchange;

/// <summary>
/// A transport to a back office in the same process that goes through the same bytes as HTTP: the request is encoded
/// (<see cref="SyncWireFormat"/>, JSON and gzip) and read back before the handler sees it, and so is the response;
/// the credential goes beside the body, as HTTP's <c>Authorization</c> header does.
/// </summary>
internal sealed class InProcessSyncTransport(ISyncExchangeHandler backOffice, IOptions<SyncAgentOptions> options) : ISyncTransport
{
    public async Task<SyncResponse> ExchangeAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        SyncRequest received;
        using (var body = new MemoryStream(SyncWireFormat.EncodeRequest(request), writable: false))
        {
            received = await SyncWireFormat.ReadRequestAsync(body, cancellationToken).ConfigureAwait(false);
        }

        var result = await backOffice.HandleAsync(options.Value.Credential, received, cancellationToken).ConfigureAwait(false);
        if (result.Status != SyncExchangeStatus.Ok || result.Response is null)
        {
            throw new SyncExchangeException(result.Status, result.Error ?? $"The back office answered {result.Status}.");
        }

        using var answer = new MemoryStream(SyncWireFormat.EncodeResponse(result.Response), writable: false);
        return await SyncWireFormat.ReadResponseAsync(answer, cancellationToken).ConfigureAwait(false);
    }
}
