namespace PosFleet.Notifications;

/// <summary>
/// The name of a way to reach people: <see cref="Email"/>, <see cref="Push"/> and the <see cref="InApp"/> inbox. A host registers one <see cref="INotifier"/> per channel (see
/// <see cref="NotificationsPosFleetBuilderExtensions.AddNotifier(IPosFleetBuilder, NotificationChannel, Func{IServiceProvider, INotifier})"/>);
/// each <see cref="NotificationMessage"/> names the channel it goes to. Names compare ignoring case.
/// </summary>
public readonly struct NotificationChannel : IEquatable<NotificationChannel>
{
    /// <summary>Creates a channel named <paramref name="name"/>, such as <c>push</c>.</summary>
    /// <param name="name">The channel's name; it is also the service key of the channel's notifier.</param>
    public NotificationChannel(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>E-mail: recipients are e-mail addresses; <c>AddSmtpNotifier</c> and <c>AddPickupFolderNotifier</c> serve it.</summary>
    public static NotificationChannel Email { get; } = new("email");

    /// <summary>
    /// Push: recipients are user ids (<see cref="Items.NotificationRecipient.Id"/>); the push connector resolves each
    /// user's subscriptions itself. The item's link travels in <see cref="NotificationMessage.Headers"/> as <c>link</c>.
    /// </summary>
    public static NotificationChannel Push { get; } = new("push");

    /// <summary>The in-app inbox (the back office's bell): the notification engine writes these entries into its store itself.</summary>
    public static NotificationChannel InApp { get; } = new("inapp");

    /// <summary>The channel's name; <see langword="null"/> only for <see langword="default"/>, which names no channel.</summary>
    public string Name { get; }

    /// <summary>Whether two channels have the same name, ignoring case.</summary>
    /// <param name="left">A channel.</param>
    /// <param name="right">Another channel.</param>
    /// <returns><see langword="true"/> when they are the same channel.</returns>
    public static bool operator ==(NotificationChannel left, NotificationChannel right) => left.Equals(right);

    /// <summary>Whether two channels have different names.</summary>
    /// <param name="left">A channel.</param>
    /// <param name="right">Another channel.</param>
    /// <returns><see langword="true"/> when they are different channels.</returns>
    public static bool operator !=(NotificationChannel left, NotificationChannel right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(NotificationChannel other) => string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is NotificationChannel other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Name is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Name);

    /// <summary>The channel's name.</summary>
    /// <returns><see cref="Name"/>, or an empty string for <see langword="default"/>.</returns>
    public override string ToString() => Name ?? "";
}
