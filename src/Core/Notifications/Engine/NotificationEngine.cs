using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosFleet.Notifications.Items;

namespace PosFleet.Notifications.Engine;

/// <summary>
/// Turns item events into notifications: applies the rules, resolves the audiences through the host's directory,
/// skips (and records) those it cannot reach, renders each delivery and writes them all to the store at once, keyed
/// by (item, event, recipient, channel) so that the same event published again adds nothing.
/// </summary>
internal sealed partial class NotificationEngine(
    INotificationStore store,
    INotificationDirectory directory,
    INotificationTemplate template,
    NotificationSignal signal,
    IOptions<NotificationEngineOptions> options,
    TimeProvider time,
    IEnumerable<NotifierRegistration> registrations,
    ILogger<NotificationEngine> logger) : IItemEventPublisher
{
    // The channel of a skip that concerns every channel: the directory did not know the person at all.
    private static readonly NotificationChannel AnyChannel = new("any");

    private readonly NotificationEngineOptions _options = options.Value;

    // The validator refuses a rule's channel without a notifier, but an assignment's push is implied, not in a rule:
    // without a push notifier it would be queued and fail every attempt, so it is skipped with the reason instead.
    private readonly HashSet<NotificationChannel> _registered = [.. registrations.Select(r => r.Channel)];

    public async ValueTask PublishAsync(ItemEvent itemEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(itemEvent);
        Validate(itemEvent);
        var plan = NotificationPlan.For(itemEvent, _options.Rules);
        if (plan.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var item = itemEvent.Item;
        var deliveries = new List<NotificationOutboxEntry>();
        var inbox = new List<NotificationInboxEntry>();
        var skips = new List<NotificationSkip>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var resolved = new Dictionary<NotificationAudience, IReadOnlyList<NotificationRecipient>>();
        foreach (var (audience, channel) in plan)
        {
            if (!resolved.TryGetValue(audience, out var recipients))
            {
                recipients = await ResolveAsync(itemEvent, audience, skips, now, cancellationToken).ConfigureAwait(false);
                resolved.Add(audience, recipients);
            }

            foreach (var recipient in recipients)
            {
                var key = KeyOf(itemEvent, recipient.Id, channel);
                if (!keys.Add(key))
                {
                    continue; // an administrator who is also the technician is notified once per channel
                }

                if ((NoNotifier(channel) ?? Unreachable(recipient, audience, channel)) is { } reason)
                {
                    skips.Add(Skip(itemEvent, key, recipient.Id, audience, channel, reason, now));
                    continue;
                }

                var content = template.Render(itemEvent, recipient, channel);
                if (channel == NotificationChannel.InApp)
                {
                    inbox.Add(new NotificationInboxEntry
                    {
                        Key = key, OrganizationId = item.OrganizationId, RecipientId = recipient.Id, ItemKind = item.Kind, ItemId = item.Id,
                        Subject = content.Subject, Text = content.Text, Link = LinkOf(content, item), CreatedAt = now,
                    });
                    continue;
                }

                var address = channel == NotificationChannel.Email ? recipient.Email!.Trim() : recipient.Id;
                string? batchKey = null;
                var due = now;
                if (channel == NotificationChannel.Email && recipient.DigestWindow is { } window && window > TimeSpan.Zero)
                {
                    batchKey = JoinKey(item.OrganizationId, recipient.Id, address);
                    due = await store.GetBatchDueAsync(batchKey, cancellationToken).ConfigureAwait(false) ?? now + window;
                }

                if (recipient.QuietHours is { } quiet)
                {
                    due = quiet.Defer(due);
                }

                deliveries.Add(new NotificationOutboxEntry
                {
                    Key = key, Channel = channel, RecipientId = recipient.Id, Address = address, ItemKind = item.Kind, ItemId = item.Id,
                    EventId = itemEvent.EventId, OrganizationId = item.OrganizationId, Content = content with { Link = LinkOf(content, item) },
                    BatchKey = batchKey, CreatedAt = now, DueAt = due, Culture = recipient.Culture?.Name,
                });
            }
        }

        var added = await store.AddAsync(new NotificationBatch(deliveries, inbox, skips), cancellationToken).ConfigureAwait(false);
        LogPublished(logger, item.Kind, item.Id, itemEvent.EventId, added, skips.Count);
        if (added > 0 && deliveries.Count > 0)
        {
            signal.Wake();
        }
    }

    /// <summary>
    /// The link an entry or a delivery carries: the template's, else the item's, and only an http or https address —
    /// a host's template or item with a <c>javascript:</c> or <c>data:</c> link puts none in the bell or the push.
    /// </summary>
    internal static Uri? LinkOf(NotificationContent content, NotificationItem item) =>
        Templates.NotificationView.IsSafeLink(content.Link) ? content.Link
        : content.Link is null && Templates.NotificationView.IsSafeLink(item.Link) ? item.Link
        : null;

    internal static string KeyOf(ItemEvent itemEvent, string recipientId, NotificationChannel channel)
        => JoinKey(itemEvent.Item.Kind, itemEvent.Item.Id, itemEvent.EventId, recipientId, channel.Name.ToLowerInvariant());

    /// <summary>
    /// Joins a key's parts with <c>/</c>, each part percent-encoded first (<c>/</c> → <c>%2F</c>, <c>%</c> → <c>%25</c>),
    /// so that two different tuples never give the same key: an id holding a <c>/</c> cannot pass for two parts.
    /// </summary>
    internal static string JoinKey(params ReadOnlySpan<string> parts)
    {
        var escaped = new string[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            escaped[i] = Uri.EscapeDataString(parts[i]);
        }

        return string.Join('/', escaped);
    }

    private static void Validate(ItemEvent itemEvent)
    {
        var item = itemEvent.Item ?? throw new ArgumentException("The event has no item.", nameof(itemEvent));
        ArgumentException.ThrowIfNullOrWhiteSpace(itemEvent.EventId, nameof(itemEvent));
        if (string.IsNullOrWhiteSpace(item.Id) || string.IsNullOrWhiteSpace(item.Kind) || string.IsNullOrWhiteSpace(item.OrganizationId) || item.State is null)
        {
            throw new ArgumentException("The event's item needs an Id, a Kind, an OrganizationId and a State.", nameof(itemEvent));
        }

        if (itemEvent.Type == ItemEventType.Assigned && string.IsNullOrWhiteSpace(itemEvent.AssignedTechnicianId))
        {
            throw new ArgumentException("An Assigned event names the technician assigned (AssignedTechnicianId).", nameof(itemEvent));
        }
    }

    private async ValueTask<IReadOnlyList<NotificationRecipient>> ResolveAsync(
        ItemEvent itemEvent, NotificationAudience audience, List<NotificationSkip> skips, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var item = itemEvent.Item;
        if (audience == NotificationAudience.Administrators)
        {
            return await directory.GetAdministratorsAsync(item.OrganizationId, cancellationToken).ConfigureAwait(false);
        }

        if (audience == NotificationAudience.Customer)
        {
            if (string.IsNullOrWhiteSpace(item.CustomerId))
            {
                return [];
            }

            var contact = await directory.GetCustomerContactAsync(item.OrganizationId, item.CustomerId, cancellationToken).ConfigureAwait(false);
            if (contact is null)
            {
                skips.Add(Skip(itemEvent, KeyOf(itemEvent, item.CustomerId, AnyChannel), item.CustomerId, audience, AnyChannel, "The directory knows no contact for this customer.", now));
                return [];
            }

            return [contact with { Audience = audience }];
        }

        if (audience == NotificationAudience.Technicians)
        {
            IReadOnlyList<string> ids = itemEvent.Type == ItemEventType.Assigned ? [itemEvent.AssignedTechnicianId!] : item.TechnicianIds;
            if (ids.Count == 0)
            {
                return [];
            }

            var found = await directory.GetTechniciansAsync(item.OrganizationId, ids, cancellationToken).ConfigureAwait(false);
            foreach (var missing in ids.Where(id => !found.Any(r => r.Id == id)).Distinct(StringComparer.Ordinal))
            {
                skips.Add(Skip(itemEvent, KeyOf(itemEvent, missing, AnyChannel), missing, audience, AnyChannel, "The directory knows no technician with this id.", now));
            }

            return found;
        }

        return await directory.GetRoleMembersAsync(item.OrganizationId, audience.RoleName!, cancellationToken).ConfigureAwait(false);
    }

    private string? NoNotifier(NotificationChannel channel) =>
        channel == NotificationChannel.InApp || _registered.Contains(channel) ? null
        : $"No notifier is registered for the '{channel}' channel, so nothing can deliver it: register one (AddWebPushNotifier, AddNotifier).";

    private string? Unreachable(NotificationRecipient recipient, NotificationAudience audience, NotificationChannel channel)
    {
        var needsProfile = _options.RequireProfile.Any(a => a == "role:*" ? audience.RoleName is not null : NotificationAudience.TryParse(a, out var parsed) && parsed == audience);
        if (needsProfile && !recipient.HasLogin)
        {
            return "No login is linked to this person (the rules need one with a profile).";
        }

        if (needsProfile && !recipient.HasProfile)
        {
            return "The linked login has no profile.";
        }

        if (channel == NotificationChannel.Email)
        {
            if (string.IsNullOrWhiteSpace(recipient.Email))
            {
                return "No default e-mail address in the contact record.";
            }

            if (!EmailAddressSyntax.TryParse(recipient.Email, out _))
            {
                return $"The e-mail address '{recipient.Email}' is not usable.";
            }
        }
        else if (!recipient.HasLogin)
        {
            return $"No login is linked to this person, so there is no one to reach on {channel}.";
        }

        return null;
    }

    private static NotificationSkip Skip(ItemEvent itemEvent, string key, string recipientId, NotificationAudience audience, NotificationChannel channel, string reason, DateTimeOffset now) => new()
    {
        Key = key, EventId = itemEvent.EventId, ItemKind = itemEvent.Item.Kind, ItemId = itemEvent.Item.Id, OrganizationId = itemEvent.Item.OrganizationId,
        RecipientId = recipientId, Audience = audience.Name, Channel = channel, Reason = reason, At = now,
    };
}
