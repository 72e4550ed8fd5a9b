using System.Text;
using PosFleet.Notifications;

/// <summary>
/// The kill trial's push connector, registered for the push channel through the notifier SPI as the Web Push connector
/// is. It stands for the push service and its devices: each push appends one line per recipient (the message's
/// idempotency key, the recipient, the subject) to a file in a single write, so that what a SIGKILLed host pushed is on
/// disk and ../notify-kill.sh counts pushes lost, sent under two keys, or sent again, as it counts e-mails.
/// </summary>
internal sealed class FilePushNotifier(string path) : INotifier, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async ValueTask<NotificationResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var lines = Encoding.UTF8.GetBytes(string.Concat(message.Recipients.Select(r => $"{message.IdempotencyKey}\t{r}\t{message.Subject.ReplaceLineEndings(" ")}\n")));
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                await file.WriteAsync(lines, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }

        return NotificationResult.ForAll(message.Recipients, DeliveryStatus.Sent);
    }

    public void Dispose() => _gate.Dispose();
}
