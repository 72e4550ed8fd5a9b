namespace PosFleet.AspNetCore;

/// <summary>How the sync endpoint (<see cref="SyncEndpointRouteBuilderExtensions.MapPosFleetSync"/>) reads requests; checked at start-up.</summary>
public sealed class SyncEndpointOptions
{
    /// <summary>
    /// The most bytes a request body may have on the wire (gzip-compressed); a larger one is answered 413 before it is
    /// read. Once decompressed, a body may expand to at most <see cref="Sync.Exchange.SyncWireFormat.MaxDecodedBytes"/>.
    /// </summary>
    /// <value>The default value is 4 MiB (the terminal's default batch is at most 1 MiB of payload before compression).</value>
    public long MaxRequestBodyBytes { get; set; } = 4L * 1024 * 1024;
}
