namespace PosFleet.Notifications;

/// <summary>What became of a notification for one recipient.</summary>
/// <param name="Recipient">The recipient, as it was in the message.</param>
/// <param name="Status">Sent, or how it failed.</param>
/// <param name="Reason">Why it failed (the server's reply, the exception's message), <see langword="null"/> when sent.</param>
public sealed record NotificationDelivery(string Recipient, DeliveryStatus Status, string? Reason = null);
