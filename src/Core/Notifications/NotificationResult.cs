namespace PosFleet.Notifications;

/// <summary>What became of a notification: one delivery per recipient.</summary>
/// <param name="Deliveries">The outcome for each recipient.</param>
public sealed record NotificationResult(IReadOnlyList<NotificationDelivery> Deliveries)
{
    /// <summary>Whether every recipient received the notification.</summary>
    public bool AllSent => Deliveries.All(d => d.Status == DeliveryStatus.Sent);

    /// <summary>The same outcome for every recipient of <paramref name="recipients"/>.</summary>
    /// <param name="recipients">The recipients.</param>
    /// <param name="status">Their common outcome.</param>
    /// <param name="reason">Why, for failures.</param>
    /// <returns>The result.</returns>
    public static NotificationResult ForAll(IEnumerable<string> recipients, DeliveryStatus status, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        return new NotificationResult(recipients.Select(r => new NotificationDelivery(r, status, reason)).ToArray());
    }
}
