namespace PosFleet.Notifications;

/// <summary>
/// Delivers a notification (e-mail, push, in-app inbox) to its recipients. Implementations report an outcome per
/// recipient instead of throwing for delivery failures, so one bad recipient never blocks the others.
/// </summary>
/// <remarks>
/// Two roles share this contract. A channel's notifier (SMTP, pickup folder, later push) is registered as a keyed
/// singleton whose key is its <see cref="NotificationChannel"/>, through
/// <see cref="NotificationsPosFleetBuilderExtensions.AddNotifier(IPosFleetBuilder, NotificationChannel, Func{IServiceProvider, INotifier})"/>;
/// the unkeyed <see cref="INotifier"/> that the engine resolves routes each message to the notifier of
/// <see cref="NotificationMessage.Channel"/>, and throws <see cref="InvalidOperationException"/> naming the channel
/// when none is registered for it (a host's mistake, not a delivery failure).
/// </remarks>
public interface INotifier
{
    /// <summary>Delivers <paramref name="message"/> to each of its recipients.</summary>
    /// <param name="message">What to deliver and to whom.</param>
    /// <param name="cancellationToken">Cancels the delivery; recipients not yet delivered are then reported as transient failures or the call throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>One delivery per recipient of <paramref name="message"/>, in the same order.</returns>
    ValueTask<NotificationResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken);
}
