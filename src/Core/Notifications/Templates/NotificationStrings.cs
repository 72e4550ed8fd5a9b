using System.Globalization;

namespace PosFleet.Notifications.Templates;

/// <summary>
/// The words of a status-change notification in the seeds' languages, picked by <see cref="SeedLanguage"/> as the
/// digests' are (a culture without its own words falls back to English). The sentences name no item kind, so that
/// no participle has to agree with its gender ("intervención" and "terminal" would need two forms).
/// </summary>
internal sealed partial record NotificationStrings
{
    public required string Language { get; init; }

    /// <summary>{0} title, {1} state.</summary>
    public required string Created { get; init; }

    /// <summary>{0} title, {1} previous state, {2} state.</summary>
    public required string Moved { get; init; }

    /// <summary>{0} title, {1} state (the event carried no previous state).</summary>
    public required string Entered { get; init; }

    /// <summary>{0} title.</summary>
    public required string Assigned { get; init; }

    /// <summary>{0} the recipient's name.</summary>
    public required string Greeting { get; init; }

    public required string Item { get; init; }

    public required string State { get; init; }

    public required string PreviousState { get; init; }

    /// <summary>The link's label, and the HTML button's text.</summary>
    public required string Open { get; init; }

    public required string Footer { get; init; }

    /// <summary>A digest's subject: {0} how many, {1} the newest entry's subject.</summary>
    public required string DigestSubject { get; init; }

    /// <summary>The line before a digest's entries: {0} how many.</summary>
    public required string DigestIntro { get; init; }

    /// <summary>PosFleet's own item kinds by name; a host's other kinds are shown as they are.</summary>
    public required IReadOnlyDictionary<string, string> Kinds { get; init; }

    public static NotificationStrings For(CultureInfo? culture) => SeedLanguage.Pick(culture, English, Spanish, French, Italian);

    public string Format(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    /// <summary>The kind's name in this language: <c>intervention</c> → "Intervento"; an unknown kind as given, capitalised.</summary>
    public string Kind(string kind) =>
        Kinds.TryGetValue(kind, out var name) ? name
        : kind.Length == 0 ? Item
        : char.ToUpperInvariant(kind[0]) + kind[1..];
}
