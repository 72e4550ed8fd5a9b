using System.Collections.Concurrent;
using PosFleet.Notifications;

namespace PosFleet.Tests.Digests;

/// <summary>A notifier that keeps what it is given and answers per recipient as the test says.</summary>
internal sealed class RecordingNotifier : INotifier
{
    public ConcurrentQueue<NotificationMessage> Messages { get; } = new();

    /// <summary>The answer for a recipient; Sent when it returns null.</summary>
    public Func<string, NotificationDelivery?> Answer { get; set; } = _ => null;

    public Func<Task>? BeforeSend { get; set; }

    public IEnumerable<string> ReceivedBy(string recipient) =>
        Messages.Where(m => m.Recipients.Contains(recipient)).Select(m => m.Subject);

    public async ValueTask<NotificationResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        if (BeforeSend is not null)
        {
            await BeforeSend();
        }

        var deliveries = message.Recipients.Select(r => Answer(r) ?? new NotificationDelivery(r, DeliveryStatus.Sent)).ToArray();
        var accepted = deliveries.Where(d => d.Status == DeliveryStatus.Sent).Select(d => d.Recipient).ToArray();
        if (accepted.Length > 0)
        {
            Messages.Enqueue(message with { Recipients = accepted });
        }

        return new NotificationResult(deliveries);
    }
}
