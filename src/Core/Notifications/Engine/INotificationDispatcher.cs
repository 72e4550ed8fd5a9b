namespace PosFleet.Notifications.Engine;

/// <summary>Sends the due deliveries of the outbox through the notifier of each channel; the hosted dispatcher calls it in a loop.</summary>
public interface INotificationDispatcher
{
    /// <summary>Claims the deliveries due now, sends them (a digest batch as one message) and records each outcome.</summary>
    /// <param name="cancellationToken">Cancels the pass; claimed deliveries not yet recorded are sent again after their claim lapses.</param>
    /// <returns>How many deliveries were attempted (0 when nothing was due; those another dispatcher claimed meanwhile are not counted).</returns>
    ValueTask<int> DispatchDueAsync(CancellationToken cancellationToken = default);
}
