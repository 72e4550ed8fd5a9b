using Microsoft.Extensions.Options;
using MimeKit;
using PosFleet.Notifications;

namespace PosFleet.Connectors.Email.Internal;

/// <summary>
/// Writes each notification as an <c>.eml</c> file: first to a temporary file in the same folder, then renamed, so a
/// reader never sees half a message. The file is named after the idempotency key, so a resend replaces it.
/// </summary>
internal sealed class PickupFolderNotifier(IOptions<PickupFolderNotifierOptions> options, TimeProvider time) : INotifier
{
    private readonly PickupFolderNotifierOptions _options = options.Value;

    public async ValueTask<NotificationResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (valid, invalid) = MimeMessageFactory.Parse(message.Recipients);
        var from = MimeMessageFactory.ParseSender(_options.From);
        var deliveries = invalid.Select(r => new NotificationDelivery(r, DeliveryStatus.PermanentFailure, $"'{r}' is not an e-mail address.")).ToList();
        if (valid.Count == 0)
        {
            return new NotificationResult(deliveries);
        }

        var mime = MimeMessageFactory.Create(message, from, valid.Select(v => v.Mailbox), time.GetUtcNow());
        var path = Path.Combine(_options.Directory, MimeMessageFactory.FileNameFor(message.IdempotencyKey));
        var temp = Path.Combine(_options.Directory, "." + Guid.NewGuid().ToString("n") + ".tmp");
        try
        {
            Directory.CreateDirectory(_options.Directory);
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16 * 1024, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await mime.WriteToAsync(FormatOptions.Default, stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                // On disk before the rename makes it visible: a crash must not leave a complete name on an empty file.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
            deliveries.AddRange(valid.Select(v => new NotificationDelivery(v.Recipient, DeliveryStatus.Sent)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            deliveries.AddRange(valid.Select(v => new NotificationDelivery(v.Recipient, DeliveryStatus.TransientFailure, $"Could not write {path}: {ex.Message}")));
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        return new NotificationResult([.. message.Recipients.Select(r => deliveries.First(d => d.Recipient == r))]);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
