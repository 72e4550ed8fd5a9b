using System.Globalization;

namespace PosFleet.Logs.Classification;

/// <summary>
/// Maps lines to a kind and severity, with a remediation hint. Every condition that is set must hold (levels,
/// components, keywords, pattern); within one condition any listed value is enough. Rules are evaluated in order and
/// the first that matches wins; see <see cref="LogClassificationOptions"/> for the order.
/// </summary>
public sealed record ClassificationRule
{
    /// <summary>
    /// A short name, reported with each line it classifies (<c>printer-paper-out</c>). It is the rule's identity in the
    /// store and in digests: no two rules may share one, compared ignoring case, built-in rules included.
    /// </summary>
    public required string Name { get; init; }

    /// <summary>Level tokens the line must carry (case-insensitive), or <see langword="null"/> for any level.</summary>
    public IReadOnlyList<string>? Levels { get; init; }

    /// <summary>Components the line must name (case-insensitive), or <see langword="null"/> for any component.</summary>
    public IReadOnlyList<string>? Components { get; init; }

    /// <summary>
    /// Words or phrases of which the message must contain at least one, or <see langword="null"/>. Matched as written,
    /// in lower case, in upper case and capitalized (<c>no internet</c>, <c>NO INTERNET</c>, <c>No internet</c>), as whole
    /// words: <c>error</c> does not match inside <c>liberror-perl</c> or <c>libgpg-error-dev</c>.
    /// </summary>
    public IReadOnlyList<string>? Keywords { get; init; }

    /// <summary>
    /// A regular expression the message must match, or <see langword="null"/>. It is evaluated only on lines whose
    /// message already contains one of <see cref="Keywords"/>, which is therefore required with a pattern. It runs on
    /// .NET's linear-time engine (<see cref="System.Text.RegularExpressions.RegexOptions.NonBacktracking"/>), ignoring
    /// case, so its cost grows with the line and never explodes; constructs that engine refuses (backreferences,
    /// lookarounds, atomic groups, conditionals) are refused when the rules load.
    /// </summary>
    public string? Pattern { get; init; }

    /// <summary>The kind given to matching lines.</summary>
    public LogKind Kind { get; init; }

    /// <summary>The severity given to matching lines, or <see langword="null"/> to take it from the level (never below Alert when <see cref="Kind"/> is set).</summary>
    public LogSeverity? Severity { get; init; }

    /// <summary>
    /// Where the error comes from, when the rule knows it: the device or layer at fault, such as <c>fiscal printer</c>
    /// or <c>payment terminal driver</c>, or <see langword="null"/>. Plain text of at most 100 characters, without
    /// control or bidirectional formatting characters; it is carried to each line the rule classifies.
    /// </summary>
    public string? Origin { get; init; }

    /// <summary>What to do about it: shown with the error in reports and digests.</summary>
    public string? Hint { get; init; }

    /// <summary>
    /// <see cref="Hint"/> in other languages, keyed by culture name (<c>es</c>, <c>fr</c>, <c>fr-CA</c>), or
    /// <see langword="null"/>. Digests in one of those cultures show it instead; see <see cref="HintFor"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string>? LocalizedHints { get; init; }

    /// <summary>
    /// A link to the knowledge-base article about it: an absolute <c>http</c>, <c>https</c> or <c>mailto</c> URL (it is
    /// rendered as a link in digests; any other scheme or a relative URL is refused when the rules load).
    /// </summary>
    public Uri? KnowledgeBaseUrl { get; init; }

    /// <summary>The hint in <paramref name="culture"/>: its own translation, else its parent culture's (<c>fr</c> for <c>fr-CA</c>), else <see cref="Hint"/>.</summary>
    /// <param name="culture">The culture of the reader.</param>
    /// <returns>The hint, or <see langword="null"/> when the rule has none.</returns>
    public string? HintFor(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if (Hint is null || LocalizedHints is not { Count: > 0 } hints)
        {
            return Hint;
        }

        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            if (hints.TryGetValue(c.Name, out var hint))
            {
                return hint;
            }
        }

        return Hint;
    }
}
