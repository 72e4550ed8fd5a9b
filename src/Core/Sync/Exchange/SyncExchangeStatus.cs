namespace PosFleet.Sync.Exchange;

/// <summary>How the back office dealt with an exchange; an HTTP endpoint maps it to a status code.</summary>
public enum SyncExchangeStatus
{
    /// <summary>Handled: the response says what was accepted, or why the terminal was refused (HTTP 200).</summary>
    Ok = 0,

    /// <summary>No credential, an unknown or revoked one, or a wrong secret; nothing was written (HTTP 401).</summary>
    Unauthorized = 1,

    /// <summary>A valid credential used for another terminal or organization than its own; nothing was written (HTTP 403).</summary>
    Forbidden = 2,

    /// <summary>A request that cannot be handled (a message without id or type, a batch over the limit); nothing was written (HTTP 400).</summary>
    BadRequest = 3,
}
