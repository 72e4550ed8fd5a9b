using System.Text.Json;

namespace PosFleet.Sync.Outbox;

/// <summary>
/// A local change waiting in a terminal's outbox (a ticket, a customer edit): its stable id is what the back office
/// deduplicates on, so a message sent twice is applied once.
/// </summary>
public sealed record OutboxMessage
{
    /// <summary>The message's id, unique and stable across retries: a version 7 UUID (<see cref="Guid.CreateVersion7(DateTimeOffset)"/>), which sorts by creation time.</summary>
    public required Guid Id { get; init; }

    /// <summary>What the message is, such as <c>ticket</c>: the back office applies it with the handler registered for this type.</summary>
    public required string Type { get; init; }

    /// <summary>The message's content, as JSON.</summary>
    public required JsonElement Payload { get; init; }

    /// <summary>When the message was written on the terminal.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Its place in the terminal's outbox, assigned by the outbox when it is enqueued (a value passed in is ignored): messages go up in this order.</summary>
    /// <value>The default value is 0 (not yet enqueued).</value>
    public long Sequence { get; init; }

    /// <summary>A new message of <paramref name="type"/> with a new version 7 id, created now by <paramref name="time"/>.</summary>
    /// <param name="type">What the message is, such as <c>ticket</c>.</param>
    /// <param name="payload">Its content.</param>
    /// <param name="time">The clock (the host's <see cref="TimeProvider"/>).</param>
    /// <returns>The message, to enqueue.</returns>
    public static OutboxMessage Create(string type, JsonElement payload, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        return new OutboxMessage { Id = Guid.CreateVersion7(now), Type = type, Payload = payload.Clone(), CreatedAt = now };
    }
}
