namespace PosFleet.Notifications.Engine;

/// <summary>Everything one item event produced, written to the store at once: outbox entries, inbox entries and skips.</summary>
/// <param name="Deliveries">Notifications to send (e-mail, push …).</param>
/// <param name="InboxEntries">In-app inbox entries.</param>
/// <param name="Skips">Recipients that could not be reached, with the reason.</param>
public sealed record NotificationBatch(
    IReadOnlyList<NotificationOutboxEntry> Deliveries,
    IReadOnlyList<NotificationInboxEntry> InboxEntries,
    IReadOnlyList<NotificationSkip> Skips);
