using Microsoft.Extensions.DependencyInjection;

namespace PosFleet.Notifications;

/// <summary>
/// The <see cref="INotifier"/> the engine resolves: hands each message to the notifier registered for its channel
/// (a keyed <see cref="INotifier"/>), as <c>ILoggerFactory</c> hands log entries to its providers.
/// </summary>
internal sealed partial class NotificationRouter(IServiceProvider services, IEnumerable<NotifierRegistration> registrations) : INotifier
{
    private readonly NotificationChannel[] _registered = [.. registrations.Select(r => r.Channel).Distinct()];

    private ValueTask<NotificationResult> SendUnmeasuredAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        if (message.Channel.Name is null)
        {
            throw new ArgumentException("The message names no channel; set NotificationMessage.Channel, such as NotificationChannel.Email.", nameof(message));
        }

        var notifier = services.GetKeyedService<INotifier>(message.Channel)
            ?? throw new InvalidOperationException(
                $"No notifier is registered for the '{message.Channel}' channel (registered: {(_registered.Length == 0 ? "none" : string.Join(", ", _registered.Select(c => $"'{c}'")))}). "
                + $"Register one with AddNotifier(new NotificationChannel(\"{message.Channel}\"), …), or AddSmtpNotifier / AddPickupFolderNotifier for e-mail.");
        return notifier.SendAsync(message, cancellationToken);
    }
}
