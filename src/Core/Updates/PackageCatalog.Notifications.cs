using System.Globalization;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;

namespace PosFleet.Updates;

internal sealed partial class PackageCatalog : IOwnEventSource
{
    /// <summary>
    /// The events of every rollout halted within <see cref="OwnEvents.RepublishWindow"/>, to publish again: a halt stored
    /// by a host that died before publishing it is notified then, and one already notified adds nothing (its event id is
    /// the halt's stored instant); an older halt is not sent to recipients added since.
    /// </summary>
    public async ValueTask<IReadOnlyList<ItemEvent>> ListEventsAsync(CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - OwnEvents.RepublishWindow;
        return [.. (await store.ListTargetsAsync(cancellationToken).ConfigureAwait(false))
            .Where(t => t.Rollout.IsHalted && t.Rollout.ChangedAt >= since)
            .OrderBy(t => t.Rollout.ChangedAt)
            .Select(HaltedEvent)];
    }

    /// <summary>
    /// Publishes a rollout that was just halted (by its failures or by hand) as an item event of kind <c>rollout</c>,
    /// item id <c>{package}/{version}</c>, state <c>Halted</c>: the event id names the halt (its instant), so a halt
    /// notifies once and a rollout resumed and halted again notifies again. Nothing happens without the engine.
    /// </summary>
    private async ValueTask PublishHaltedAsync(PackageTarget target, CancellationToken cancellationToken)
    {
        if (notifications is null)
        {
            return;
        }

        await notifications.PublishAsync(HaltedEvent(target), cancellationToken).ConfigureAwait(false);
    }

    private static ItemEvent HaltedEvent(PackageTarget target) => new()
    {
        EventId = $"rollout:{target.Organization}:{target.PackageId}:{target.Version}:halted:{target.Rollout.ChangedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}",
        Type = ItemEventType.StateChanged,
        OccurredAt = target.Rollout.ChangedAt,
        Item = new NotificationItem
        {
            Id = $"{target.PackageId}/{target.Version}",
            Kind = "rollout",
            Title = $"Rollout of {target.PackageId} {target.Version}: {target.Rollout.HaltedReason}",
            State = "Halted",
            OrganizationId = target.Organization,
        },
    };
}
