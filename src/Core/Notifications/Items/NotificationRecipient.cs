using System.Globalization;

namespace PosFleet.Notifications.Items;

/// <summary>
/// A person the host's <see cref="INotificationDirectory"/> reports for an audience, with what the engine needs to
/// decide whether it can reach them: an e-mail address for e-mail, a login (with a profile, where the rules ask for
/// one) for push and the in-app inbox. A recipient who cannot be reached is skipped and the skip recorded.
/// </summary>
public sealed record NotificationRecipient
{
    /// <summary>The person's id in the host (a user id for people with a login); push and in-app deliveries go to it.</summary>
    public required string Id { get; init; }

    /// <summary>The name to greet them by.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The default e-mail address of their contact record, if any; it must parse with <see cref="EmailAddressSyntax"/>.</summary>
    public string? Email { get; init; }

    /// <summary>The language they read, for the templates; <see langword="null"/> for the host's default.</summary>
    public CultureInfo? Culture { get; init; }

    /// <summary>The audience they were resolved for.</summary>
    public required NotificationAudience Audience { get; init; }

    /// <summary>Whether a login (an access user) is linked to them; push and in-app need one.</summary>
    public bool HasLogin { get; init; }

    /// <summary>Whether that login has a profile associated (seed 002: technicians and administrators need one to be notified).</summary>
    public bool HasProfile { get; init; }

    /// <summary>
    /// When set, this person's e-mails are batched: a burst of notifications within this window goes out as one mail at
    /// its end. <see langword="null"/> sends each at once.
    /// </summary>
    public TimeSpan? DigestWindow { get; init; }

    /// <summary>When set, e-mails and pushes falling in these hours wait until they end (deferred, never dropped); the inbox is not affected.</summary>
    public NotificationQuietHours? QuietHours { get; init; }
}
