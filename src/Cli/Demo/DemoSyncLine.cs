using PosFleet.Sync.Exchange;

namespace PosFleet.Cli.Demo;

/// <summary>The demo's network between one terminal and the back office, in process: it can be cut and restored.</summary>
internal sealed class DemoSyncLine(ISyncExchangeHandler backOffice) : ISyncExchangeHandler
{
    public bool Down { get; set; }

    public ValueTask<SyncExchangeResult> HandleAsync(string? credential, SyncRequest request, CancellationToken cancellationToken) =>
        Down
            ? throw new IOException("The line to the back office is down.")
            : backOffice.HandleAsync(credential, request, cancellationToken);
}
