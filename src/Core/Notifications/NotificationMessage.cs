namespace PosFleet.Notifications;

/// <summary>A notification to deliver: through which channel, who receives it, what it says, and the key that makes a resend recognisable.</summary>
public sealed record NotificationMessage
{
    /// <summary>The channel that delivers it; the host's <see cref="INotifier"/> hands it to the notifier registered for that channel.</summary>
    /// <value>The default value is <see cref="NotificationChannel.Email"/> (digests are e-mail).</value>
    public NotificationChannel Channel { get; init; } = NotificationChannel.Email;

    /// <summary>The recipients, in the form of <see cref="Channel"/> (e-mail addresses for e-mail, user ids for push and in-app).</summary>
    public required IReadOnlyList<string> Recipients { get; init; }

    /// <summary>
    /// The organization the recipients belong to, when the sender knows it (the engine always sets it). The push
    /// channel needs it: a recipient's subscriptions are looked up within their organization only.
    /// </summary>
    public string? OrganizationId { get; init; }

    /// <summary>The subject.</summary>
    public required string Subject { get; init; }

    /// <summary>The plain-text body.</summary>
    public required string Text { get; init; }

    /// <summary>The HTML body, when there is one.</summary>
    public string? Html { get; init; }

    /// <summary>Extra headers (e-mail) or metadata (other channels), by name.</summary>
    /// <value>The default value is an empty dictionary.</value>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A key that is the same each time this very notification is sent again (after a crash or a retry), so that
    /// notifiers and receivers can recognise a resend: e-mail notifiers derive the <c>Message-Id</c> from it.
    /// </summary>
    public required string IdempotencyKey { get; init; }
}
