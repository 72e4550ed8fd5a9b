namespace PosFleet.Sync.Exchange;

/// <summary>The version of the sync exchange this build speaks, and the wire constants every transport uses.</summary>
public static class SyncProtocol
{
    /// <summary>
    /// The protocol version a terminal of this build states in <see cref="SyncRequest.ProtocolVersion"/>. It goes up
    /// only when a change is not backwards compatible; new optional fields do not change it (readers ignore unknown
    /// fields and default missing ones).
    /// </summary>
    public const int CurrentVersion = 1;

    /// <summary>The media type of a request or response body: JSON (<see cref="SyncWireFormat"/>).</summary>
    public const string MediaType = "application/json";

    /// <summary>The content encoding of a request or response body on the wire: gzip.</summary>
    public const string ContentEncoding = "gzip";
}
