using PosFleet.Notifications.Items;

namespace PosFleet.Notifications.Engine;

/// <summary>The rules read for one event: which audiences it notifies on which channels, each pair once.</summary>
internal static class NotificationPlan
{
    public static IReadOnlyList<(NotificationAudience Audience, NotificationChannel Channel)> For(ItemEvent itemEvent, IEnumerable<NotificationRule> rules)
    {
        var plan = new List<(NotificationAudience, NotificationChannel)>();
        if (itemEvent.Type == ItemEventType.Assigned)
        {
            // Seed 002: a technician always gets a push when an item is assigned to them, whatever the rules say, and
            // the push shows in the software's bell: an in-app entry beside it.
            plan.Add((NotificationAudience.Technicians, NotificationChannel.Push));
            plan.Add((NotificationAudience.Technicians, NotificationChannel.InApp));
            return plan;
        }

        var item = itemEvent.Item;
        if (itemEvent.Type == ItemEventType.StateChanged && string.Equals(itemEvent.PreviousState, item.State, StringComparison.OrdinalIgnoreCase))
        {
            return plan; // not a transition
        }

        foreach (var rule in rules)
        {
            if ((!string.IsNullOrEmpty(rule.Kind) && !string.Equals(rule.Kind, item.Kind, StringComparison.OrdinalIgnoreCase))
                || !rule.States.Contains(item.State, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var (channelName, audiences) in rule.Channels)
            {
                var channel = new NotificationChannel(channelName);
                foreach (var text in audiences ?? [])
                {
                    if (NotificationAudience.TryParse(text, out var audience) && !plan.Contains((audience, channel)))
                    {
                        plan.Add((audience, channel));
                    }
                }
            }
        }

        return plan;
    }
}
