namespace PosFleet.Notifications.Engine;

/// <summary>
/// Which changes notify whom on which channel: an item (of <see cref="Kind"/>, or any) entering one of
/// <see cref="States"/>, or created in one, notifies the audiences listed per channel in <see cref="Channels"/>.
/// Bindable from configuration: <c>{ "Kind": "intervention", "States": ["Open", "Closed"], "Channels": { "email": ["administrators", "customer", "technicians"], "push": ["administrators", "technicians"], "inapp": ["administrators", "technicians"] } }</c>.
/// </summary>
public sealed class NotificationRule
{
    /// <summary>The kind of item the rule is for; <see langword="null"/> or empty for every kind.</summary>
    public string? Kind { get; set; }

    /// <summary>The states whose entry notifies (compared ignoring case); any number.</summary>
    /// <value>The default value is an empty list (the rule notifies nothing).</value>
    public IList<string> States { get; set; } = [];

    /// <summary>
    /// Per channel name (<c>email</c>, <c>push</c>, <c>inapp</c>, or a host's own), the audiences it notifies:
    /// <c>administrators</c>, <c>customer</c>, <c>technicians</c>, <c>role:NAME</c>. A channel not listed is off.
    /// </summary>
    /// <value>The default value is an empty dictionary.</value>
    public IDictionary<string, IList<string>> Channels { get; set; } = new Dictionary<string, IList<string>>(StringComparer.OrdinalIgnoreCase);
}
