using System.Globalization;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;

namespace PosFleet.Updates;

internal sealed partial class PackageCatalog : IOwnEventSource
{
    /// <summary>
    /// Publishes again the event of every rollout halted within <see cref="OwnEvents.RepublishWindow"/>: a halt stored by
    /// a host that died before publishing it is notified now, and one already notified adds nothing (its event id is the
    /// halt's stored instant); an older halt is not sent to recipients added since.
    /// </summary>
    public async ValueTask<int> RepublishAsync(CancellationToken cancellationToken)
    {
        if (notifications is null)
        {
            return 0;
        }

        var since = time.GetUtcNow() - OwnEvents.RepublishWindow;
        var halted = (await store.ListTargetsAsync(cancellationToken).ConfigureAwait(false))
            .Where(t => t.Rollout.IsHalted && t.Rollout.ChangedAt >= since)
            .ToList();
        foreach (var target in halted)
        {
            await PublishHaltedAsync(target, cancellationToken).ConfigureAwait(false);
        }

        return halted.Count;
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

        var ticks = target.Rollout.ChangedAt.UtcTicks.ToString(CultureInfo.InvariantCulture);
        await notifications.PublishAsync(
            new ItemEvent
            {
                EventId = $"rollout:{target.Organization}:{target.PackageId}:{target.Version}:halted:{ticks}",
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
            },
            cancellationToken).ConfigureAwait(false);
    }
}
