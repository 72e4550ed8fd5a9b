namespace PosFleet.Notifications.Items;

/// <summary>
/// A group of people a rule notifies: <see cref="Administrators"/>, <see cref="Customer"/>, <see cref="Technicians"/>,
/// or the members of a named role (<see cref="Role(string)"/>). Written in configuration as <c>administrators</c>,
/// <c>customer</c>, <c>technicians</c> or <c>role:NAME</c>; names compare ignoring case.
/// </summary>
public readonly struct NotificationAudience : IEquatable<NotificationAudience>
{
    private const string RolePrefix = "role:";

    private NotificationAudience(string name) => Name = name;

    /// <summary>The administrators of the item's organization.</summary>
    public static NotificationAudience Administrators { get; } = new("administrators");

    /// <summary>The contact of the item's customer.</summary>
    public static NotificationAudience Customer { get; } = new("customer");

    /// <summary>The technicians assigned to the item.</summary>
    public static NotificationAudience Technicians { get; } = new("technicians");

    /// <summary>The audience's name: <c>administrators</c>, <c>customer</c>, <c>technicians</c> or <c>role:NAME</c>.</summary>
    public string Name { get; }

    /// <summary>The role's name for a role audience, otherwise <see langword="null"/>.</summary>
    public string? RoleName => Name is not null && Name.StartsWith(RolePrefix, StringComparison.OrdinalIgnoreCase) ? Name[RolePrefix.Length..] : null;

    /// <summary>The members of the role <paramref name="role"/>, in the item's organization.</summary>
    /// <param name="role">The role's name, as the host's directory knows it.</param>
    /// <returns>The audience.</returns>
    public static NotificationAudience Role(string role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        return new(RolePrefix + role.Trim());
    }

    /// <summary>Reads an audience as configuration writes it.</summary>
    /// <param name="text"><c>administrators</c>, <c>customer</c>, <c>technicians</c> or <c>role:NAME</c>.</param>
    /// <param name="audience">The audience, when <paramref name="text"/> names one.</param>
    /// <returns>Whether <paramref name="text"/> names an audience.</returns>
    public static bool TryParse(string? text, out NotificationAudience audience)
    {
        audience = default;
        var name = text?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (var known in (ReadOnlySpan<NotificationAudience>)[Administrators, Customer, Technicians])
        {
            if (string.Equals(known.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                audience = known;
                return true;
            }
        }

        if (name.StartsWith(RolePrefix, StringComparison.OrdinalIgnoreCase) && name.Length > RolePrefix.Length && !string.IsNullOrWhiteSpace(name[RolePrefix.Length..]))
        {
            audience = Role(name[RolePrefix.Length..]);
            return true;
        }

        return false;
    }

    /// <summary>Whether two audiences have the same name, ignoring case.</summary>
    /// <param name="left">An audience.</param>
    /// <param name="right">Another audience.</param>
    /// <returns><see langword="true"/> when they are the same audience.</returns>
    public static bool operator ==(NotificationAudience left, NotificationAudience right) => left.Equals(right);

    /// <summary>Whether two audiences have different names.</summary>
    /// <param name="left">An audience.</param>
    /// <param name="right">Another audience.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(NotificationAudience left, NotificationAudience right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(NotificationAudience other) => string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is NotificationAudience other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Name is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Name);

    /// <summary>The audience's name.</summary>
    /// <returns><see cref="Name"/>, or an empty string for <see langword="default"/>.</returns>
    public override string ToString() => Name ?? "";
}
