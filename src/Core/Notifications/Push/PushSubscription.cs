namespace PosFleet.Notifications.Push;

/// <summary>
/// Where one browser or device of a recipient takes push notifications: what its service worker's
/// <c>PushManager.subscribe()</c> returned (<c>subscription.toJSON()</c>: the endpoint and the two keys). A recipient
/// has one per browser or device they allowed notifications on.
/// </summary>
/// <param name="OrganizationId">The organization the recipient belongs to: subscriptions are listed and removed within it only.</param>
/// <param name="RecipientId">The recipient's id, as push messages name it (<see cref="NotificationMessage.Recipients"/> of the push channel).</param>
/// <param name="Endpoint">The push service's URL for this subscription; it identifies the subscription and is a secret of its own.</param>
/// <param name="P256dh">The browser's P-256 public key (<c>keys.p256dh</c>), base64url: the payload is encrypted to it.</param>
/// <param name="Auth">The browser's authentication secret (<c>keys.auth</c>), base64url, 16 bytes.</param>
public sealed record PushSubscription(string OrganizationId, string RecipientId, Uri Endpoint, string P256dh, string Auth);
