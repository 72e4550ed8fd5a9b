using System.Diagnostics;
using PosFleet.Diagnostics;

namespace PosFleet.Notifications;

internal sealed partial class NotificationRouter
{
    public async ValueTask<NotificationResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var activity = PosFleetInstruments.Source.StartActivity("posfleet.notification.send", ActivityKind.Client);
        activity?.SetTag("posfleet.notification.channel", message.Channel.Name);
        activity?.SetTag("posfleet.notification.recipients", message.Recipients.Count);
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        string? error = null;
        try
        {
            var result = await SendUnmeasuredAsync(message, cancellationToken).ConfigureAwait(false);
            outcome = result.AllSent ? "sent" : result.Deliveries.Any(d => d.Status == DeliveryStatus.Sent) ? "partially_sent" : "failed";
            if (outcome != "sent")
            {
                error = outcome;
                PosFleetInstruments.Fail(activity, error);
            }

            return result;
        }
        catch (Exception ex)
        {
            error = PosFleetInstruments.ErrorTypeOf(ex);
            PosFleetInstruments.Fail(activity, error);
            throw;
        }
        finally
        {
            PosFleetInstruments.NotificationDuration.Record(
                PosFleetInstruments.SecondsSince(started),
                PosFleetInstruments.Tags(error, "posfleet.notification.channel", message.Channel.Name, "posfleet.outcome", outcome));
        }
    }
}
