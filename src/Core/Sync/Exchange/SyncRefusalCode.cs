namespace PosFleet.Sync.Exchange;

/// <summary>The kinds of <see cref="SyncRefusal"/>.</summary>
public enum SyncRefusalCode
{
    /// <summary>The terminal's protocol version is below <see cref="SyncBackOfficeOptions.MinimumProtocolVersion"/>.</summary>
    ProtocolVersionTooOld = 1,

    /// <summary>The terminal's application version is below <see cref="SyncBackOfficeOptions.MinimumApplicationVersion"/>, or cannot be read.</summary>
    ApplicationVersionTooOld = 2,
}
