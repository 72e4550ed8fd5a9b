using System.Globalization;
using System.Text;

namespace PosFleet.Logs.Storage;

/// <summary>
/// What to read from a log store. Every set field narrows the result. A query comes from a user (a search box, a
/// command line), so its size is bounded: <see cref="Validate"/>, which every store calls first, refuses one past
/// <see cref="MaxTextBytes"/>, <see cref="MaxTextWords"/>, <see cref="MaxFilterLength"/> or <see cref="MaxLimit"/>.
/// </summary>
public sealed record LogQuery
{
    /// <summary>The longest <see cref="Text"/>, in UTF-8 bytes: 1 KB, some 150 words, far more than a search needs.</summary>
    public const int MaxTextBytes = 1024;

    /// <summary>The most words in <see cref="Text"/>: every one is a full-text term that each match must hold.</summary>
    public const int MaxTextWords = 32;

    /// <summary>The longest <see cref="Organization"/>, <see cref="Terminal"/>, <see cref="Reference"/> or <see cref="After"/>, in characters.</summary>
    public const int MaxFilterLength = 256;

    /// <summary>The largest <see cref="Limit"/>: a page is held in memory whole.</summary>
    public const int MaxLimit = 100_000;

    /// <summary>Entries at or after this instant.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Entries before this instant.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only this organization.</summary>
    public string? Organization { get; init; }

    /// <summary>Only this terminal.</summary>
    public string? Terminal { get; init; }

    /// <summary>Only these kinds (null: any).</summary>
    public IReadOnlySet<LogKind>? Kinds { get; init; }

    /// <summary>Only these severities (null: any).</summary>
    public IReadOnlySet<LogSeverity>? Severities { get; init; }

    /// <summary>Only this template.</summary>
    public ulong? TemplateId { get; init; }

    /// <summary>Only entries carrying this order or ticket reference.</summary>
    public string? Reference { get; init; }

    /// <summary>
    /// Only entries whose message contains all these words, as whole words, case-insensitively (full-text); a text
    /// without a word (only punctuation or spaces) matches nothing.
    /// </summary>
    public string? Text { get; init; }

    /// <summary>The page size.</summary>
    /// <value>The default value is 100.</value>
    public int Limit { get; init; } = 100;

    /// <summary>The cursor returned with the previous page, or <see langword="null"/> for the first page.</summary>
    public string? After { get; init; }

    /// <summary>
    /// Throws when the query is larger than a store reads: its text past <see cref="MaxTextBytes"/> or
    /// <see cref="MaxTextWords"/>, a filter past <see cref="MaxFilterLength"/> or holding a control character, or
    /// <see cref="Limit"/> outside 1 to <see cref="MaxLimit"/>. Every <see cref="ILogStore"/> calls it first, so a
    /// 100 KB search is refused at once rather than costing seconds and hundreds of megabytes.
    /// </summary>
    /// <exception cref="ArgumentException">A field is too large; the message names it, its limit and the fix.</exception>
    public void Validate()
    {
        var c = CultureInfo.InvariantCulture;
        if (Limit is < 1 or > MaxLimit)
        {
            throw new ArgumentException(string.Create(c, $"The page size (Limit) is {Limit:N0}; it must be from 1 to {MaxLimit:N0}: read further pages with After."));
        }

        if (Text is { } text)
        {
            // The length in chars is a lower bound of the UTF-8 length: a huge text is refused without being measured.
            var bytes = text.Length > MaxTextBytes ? text.Length : Encoding.UTF8.GetByteCount(text);
            if (bytes > MaxTextBytes)
            {
                throw new ArgumentException(
                    string.Create(c, $"The search text is {bytes:N0} bytes long; at most {MaxTextBytes:N0} bytes (and {MaxTextWords} words) are searched: search for the few words that identify the entries."));
            }

            var words = LogText.Words(text).Count();
            if (words > MaxTextWords)
            {
                throw new ArgumentException(
                    string.Create(c, $"The search text has {words:N0} words; at most {MaxTextWords} are searched, each one a word every match must contain: search for the few words that identify the entries."));
            }
        }

        Filter(Organization, "organization");
        Filter(Terminal, "terminal");
        Filter(Reference, "reference");
        Filter(After, "cursor");
    }

    private static void Filter(string? value, string what)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > MaxFilterLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The {what} to search for is {value.Length:N0} characters long; at most {MaxFilterLength} are accepted."));
        }

        if (DisplayText.NeedsEscaping(value))
        {
            throw new ArgumentException(
                $"The {what} to search for, '{DisplayText.Escape(value)}', contains a control character (a line break, an escape sequence), which a search does not accept.");
        }
    }
}
