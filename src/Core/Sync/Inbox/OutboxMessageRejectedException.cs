namespace PosFleet.Sync.Inbox;

/// <summary>
/// Thrown by an <see cref="IOutboxMessageHandler"/> to say that a message can never be applied — its payload is
/// invalid, it names a ticket that cannot exist — as opposed to a failure that may pass (the database is down), which
/// any other exception means. The back office rolls back what the handler wrote, keeps the message in its dead
/// letters with this exception's message as the reason, and acknowledges it to the terminal with that reason, so that
/// the terminal's later messages flow. Sending it again changes nothing: the answer is the same rejection.
/// </summary>
public sealed class OutboxMessageRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OutboxMessageRejectedException()
        : base("The back office rejected the outbox message as invalid.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why the message is rejected, for the people who read the dead letter and the terminal's log, such as "the ticket has no lines".</param>
    public OutboxMessageRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why the message is rejected.</param>
    /// <param name="innerException">The cause, such as the <c>JsonException</c> of a payload that could not be read.</param>
    public OutboxMessageRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
