using PosFleet.Notifications.Engine;

namespace PosFleet.Samples.BackOffice;

/// <summary>
/// Demo entries for the back office's bell: a few notifications in each development user's inbox, each linking to the
/// page of its item, as the notification engine writes them when a ticket or a terminal changes state. Written once: the
/// inbox holds one entry per key, so a second run adds nothing.
/// </summary>
public static class DemoNotifications
{
    /// <summary>Adds the demo entries, the newest <paramref name="now"/>; returns how many were new.</summary>
    public static async Task<int> SeedAsync(INotificationStore store, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var entries = new List<NotificationInboxEntry>();
        foreach (var user in DevelopmentLogin.Users)
        {
            var (busy, tills) = user.Organization == "shop-12" ? ("till-03", DemoData.Terminals["shop-12"]) : ("till-32", DemoData.Terminals["shop-34"]);
            var org = Uri.EscapeDataString(user.Organization);
            entries.Add(Entry(user, "terminal", busy, now.AddHours(-6),
                $"{busy} is red: sync error", $"{busy} could not reach the back office at its last sync.", $"/fleet/status?org={org}&q={busy}"));
            entries.Add(Entry(user, "ticket", "T-10042", now.AddHours(-3),
                "Ticket T-10042 assigned to you", "A customer reported a double charge on ticket T-10042.", $"/fleet/reports?org={org}&ref=T-10042"));
            entries.Add(Entry(user, "terminal", tills[0], now.AddMinutes(-40),
                $"{tills[0]} needs an update", $"{tills[0]} runs an older version than the fleet's target.", $"/fleet/status?org={org}&q={tills[0]}"));
            entries.Add(Entry(user, "digest", user.Organization, now.AddMinutes(-5),
                "Payment terminal timeouts above the threshold", "The last hour had more payment timeouts than usual; see the reports.", $"/fleet/reports?org={org}&severity=Error"));
        }

        return await store.AddAsync(new NotificationBatch([], entries, []), cancellationToken).ConfigureAwait(false);
    }

    private static NotificationInboxEntry Entry(DevelopmentUser user, string kind, string item, DateTimeOffset at, string subject, string text, string link) => new()
    {
        Key = $"demo/{user.Organization}/{user.Name}/{kind}/{item}",
        OrganizationId = user.Organization,
        RecipientId = user.Name,
        ItemKind = kind,
        ItemId = item,
        Subject = subject,
        Text = text,
        Link = new Uri(link, UriKind.Relative),
        CreatedAt = at,
    };
}
