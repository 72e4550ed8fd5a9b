namespace PosFleet.Notifications;

/// <summary>
/// Delivers a notification (e-mail, push, in-app inbox) to its recipients. Implementations report an outcome per
/// recipient instead of throwing for delivery failures, so one bad recipient never blocks the others.
/// </summary>
public interface INotifier
{
    /// <summary>Delivers <paramref name="message"/> to each of its recipients.</summary>
    /// <param name="message">What to deliver and to whom.</param>
    /// <param name="cancellationToken">Cancels the delivery; recipients not yet delivered are then reported as transient failures or the call throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>One delivery per recipient of <paramref name="message"/>, in the same order.</returns>
    ValueTask<NotificationResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken);
}
