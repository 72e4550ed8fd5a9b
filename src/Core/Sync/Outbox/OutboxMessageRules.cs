using System.Text.Json;

namespace PosFleet.Sync.Outbox;

/// <summary>What every outbox checks before it stores a message, so that all stores refuse the same ones with the same words.</summary>
internal static class OutboxMessageRules
{
    public static void Check(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Id == Guid.Empty)
        {
            throw new ArgumentException("The outbox message has an empty id; create it with OutboxMessage.Create.", nameof(message));
        }

        if (string.IsNullOrWhiteSpace(message.Type))
        {
            throw new ArgumentException("The outbox message has no type; name what it is, such as \"ticket\".", nameof(message));
        }

        if (message.Payload.ValueKind == JsonValueKind.Undefined)
        {
            throw new ArgumentException("The outbox message has no payload; give it a JSON value (null included).", nameof(message));
        }
    }
}
