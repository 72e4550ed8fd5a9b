using System.Globalization;

using PosFleet.Logs;

namespace PosFleet.Digests.Rendering;

/// <summary>
/// The words of a digest in the seeds' languages, picked by <see cref="SeedLanguage"/> (a culture without its own
/// strings falls back to English).
/// </summary>
internal sealed partial record DigestStrings
{
    public required string Language { get; init; }

    // Strings with a count hold "singular|plural" forms; see Plural.

    /// <summary>{0} name, {1} count, {2} window start, {3} window end.</summary>
    public required string Subject { get; init; }

    public required string TestPrefix { get; init; }

    public required string TestNotice { get; init; }

    /// <summary>{0} count, {1} kinds, {2} start, {3} end, {4} time zone, {5} threshold.</summary>
    public required string Summary { get; init; }

    public required string Scope { get; init; }

    public required string ByTemplate { get; init; }

    /// <summary>{0} count.</summary>
    public required string Times { get; init; }

    public required string FirstSeen { get; init; }

    public required string LastSeen { get; init; }

    public required string Terminals { get; init; }

    public required string Example { get; init; }

    public required string Hint { get; init; }

    public required string KnowledgeBase { get; init; }

    /// <summary>{0} entries not listed.</summary>
    public required string AndMore { get; init; }

    public required string ByTerminal { get; init; }

    /// <summary>The badge of a test digest, short and upper-case.</summary>
    public required string TestBadge { get; init; }

    /// <summary>The unit under the headline's count: <c>error|errors</c>.</summary>
    public required string Errors { get; init; }

    public required string Threshold { get; init; }

    public required string Total { get; init; }

    public required string Terminal { get; init; }

    /// <summary>{0} terminals affected by one message.</summary>
    public required string TerminalCount { get; init; }

    /// <summary>{0} the names listed, {1} how many more (its form follows {1}).</summary>
    public required string NamesAndMore { get; init; }

    /// <summary>The heading of each kind's table, in the order of <see cref="LogKind"/>.</summary>
    public required IReadOnlyDictionary<LogKind, string> Kinds { get; init; }

    /// <summary>{0} terminals not listed.</summary>
    public required string AndMoreTerminals { get; init; }

    public required string NoErrors { get; init; }

    public required string UnknownTerminal { get; init; }

    public required string Footer { get; init; }

    /// <summary>
    /// Picks the singular or plural form of <paramref name="forms"/> (<c>one|other</c>) for <paramref name="n"/> and
    /// formats it: French counts 0 and 1 as singular, the other languages only 1.
    /// </summary>
    public string Plural(string forms, long n, params object[] args)
    {
        var bar = forms.IndexOf('|', StringComparison.Ordinal);
        var one = n == 1 || (n == 0 && Language == "fr");
        var form = bar < 0 ? forms : one ? forms[..bar] : forms[(bar + 1)..];
        return string.Format(CultureInfo.InvariantCulture, form, args);
    }

    public static DigestStrings For(CultureInfo culture) => SeedLanguage.Pick(culture, English, Spanish, French, Italian);
}
