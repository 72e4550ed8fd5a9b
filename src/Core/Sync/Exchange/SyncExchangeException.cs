namespace PosFleet.Sync.Exchange;

/// <summary>Thrown by a transport when the back office answered but refused the request itself (its credential or its form).</summary>
public sealed class SyncExchangeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SyncExchangeException()
        : this(SyncExchangeStatus.BadRequest, "The back office refused the exchange.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public SyncExchangeException(string message)
        : this(SyncExchangeStatus.BadRequest, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public SyncExchangeException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = SyncExchangeStatus.BadRequest;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="status">What the back office answered.</param>
    /// <param name="message">What went wrong, and what to do.</param>
    public SyncExchangeException(SyncExchangeStatus status, string message)
        : base(message)
    {
        Status = status;
    }

    /// <summary>What the back office answered: <see cref="SyncExchangeStatus.Unauthorized"/>, <see cref="SyncExchangeStatus.Forbidden"/> or <see cref="SyncExchangeStatus.BadRequest"/>.</summary>
    public SyncExchangeStatus Status { get; }
}
