using System.Globalization;
using PosFleet.Logs;

namespace PosFleet.Digests.Rendering;

/// <summary>
/// A digest's content in the subscription's words, numbers, dates and time zone: what the text and the HTML parts
/// both say, so that they say the same thing.
/// </summary>
internal sealed class DigestView
{
    /// <summary>The longest message template or example line a digest prints; log text is untrusted and unbounded.</summary>
    public const int MaxLogTextLength = 240;

    private readonly CultureInfo _culture;
    private readonly TimeZoneInfo _zone;

    public DigestView(DigestContent content)
    {
        Content = content;
        var s = content.Subscription;
        _culture = CultureInfo.GetCultureInfo(s.Culture);
        _zone = DigestSchedule.TimeZoneOf(s);
        Words = DigestStrings.For(_culture);

        var start = Date(content.Window.Start);
        var end = Date(content.Window.End);
        Subject = (content.IsTest ? Words.TestPrefix : "")
            + Words.Plural(Words.Subject, content.Count, s.Name, Number(content.Count), start, end);
        var kinds = string.Join(", ", s.EffectiveKinds.Order().Select(KindName));
        Summary = Words.Plural(Words.Summary, content.Count, Number(content.Count), kinds, start, end, s.TimeZone, Number(s.MinimumThreshold));
        WindowText = $"{start} – {end} ({s.TimeZone})";
        Scope = DisplayText.Escape(string.Join(" · ", new[] { s.Organization, s.Terminal }.Where(x => x is not null)));
        Sections = [.. content.Groups
            .GroupBy(g => g.Message.Kind)
            .OrderBy(k => k.Key)
            .Select(k => new DigestSection(k.Key, KindName(k.Key), KindCount(k.Key, k), [.. k]))];
    }

    public DigestContent Content { get; }

    public DigestStrings Words { get; }

    public string Subject { get; }

    /// <summary>The one-sentence summary: count, kinds, window, time zone and threshold.</summary>
    public string Summary { get; }

    /// <summary>The window in the subscription's time zone: <c>start – end (zone)</c>.</summary>
    public string WindowText { get; }

    /// <summary>The organization and terminal the subscription is narrowed to, or empty.</summary>
    public string Scope { get; }

    /// <summary>One section per kind that has listed messages, in the order of <see cref="LogKind"/>.</summary>
    public IReadOnlyList<DigestSection> Sections { get; }

    /// <summary>The window's count of one kind, or the sum of its listed messages when the store gave none.</summary>
    private long KindCount(LogKind kind, IEnumerable<DigestGroup> groups) =>
        Content.PerKind.Where(p => p.Key == kind).Select(p => p.Value).DefaultIfEmpty(groups.Sum(g => g.Message.Count)).First();

    public string Date(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone).ToString("g", _culture);

    public string Number(long n) => n.ToString("N0", _culture);

    public string KindName(LogKind kind) => Words.Kinds.TryGetValue(kind, out var name) ? name : kind.ToString();

    public string ErrorsUnit(long n) => Words.Plural(Words.Errors, n);

    public string Times(long n) => Words.Plural(Words.Times, n, Number(n));

    /// <summary>How many terminals wrote the message.</summary>
    public string TerminalCount(DigestGroup g) => Words.Plural(Words.TerminalCount, g.Message.TerminalCount, Number(g.Message.TerminalCount));

    /// <summary>The busiest terminals of a message by name, then "and N more": <c>POS-0282, POS-0104, POS-0007 and 381 more</c>.</summary>
    public string TerminalNames(DigestGroup g)
    {
        var names = g.TopTerminals.Count > 0 ? g.TopTerminals : [.. g.Message.Terminals.Take(DigestContentBuilder.TerminalsPerMessage)];
        var listed = DisplayText.Escape(string.Join(", ", names));
        var more = g.Message.TerminalCount - names.Count;
        return more > 0 ? Words.Plural(Words.NamesAndMore, more, listed, Number(more)) : listed;
    }

    public string Seen(DigestGroup g) =>
        $"{Words.FirstSeen}: {Date(g.Message.FirstSeen)} · {Words.LastSeen}: {Date(g.Message.LastSeen)}";

    public string Template(DigestGroup g) => Clip(g.Message.Template);

    /// <summary>The example entry as one line: when, which terminal, what it said.</summary>
    public string Example(DigestGroup g)
    {
        var e = g.Message.Example;
        return $"{Date(e.Timestamp)} {DisplayText.Escape(e.Terminal)}{(e.Terminal is null ? "" : ": ")}{Clip(e.Message)}";
    }

    public string TerminalKinds(TerminalCount t) => string.Join(", ", t.PerKind.Select(p => $"{KindName(p.Key)} {Number(p.Value)}"));

    public string AndMore => Words.Plural(Words.AndMore, Content.UnlistedCount, Number(Content.UnlistedCount));

    public string AndMoreTerminals => Words.Plural(Words.AndMoreTerminals, Content.UnlistedTerminals, Number(Content.UnlistedTerminals));

    /// <summary>Whether a link may be printed as a link: only absolute http, https and mailto addresses.</summary>
    public static bool IsSafeLink(Uri? uri) =>
        uri is { IsAbsoluteUri: true } && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeMailto);

    /// <summary>
    /// One line of at most <see cref="MaxLogTextLength"/> characters, control and bidirectional characters shown as
    /// <c>\uXXXX</c> escapes (<see cref="DisplayText"/>).
    /// </summary>
    public static string Clip(string text)
    {
        var line = DisplayText.Escape(text.Length > MaxLogTextLength ? text[..(MaxLogTextLength + 1)] : text);
        if (line.Length <= MaxLogTextLength)
        {
            return line;
        }

        var cut = MaxLogTextLength - 1;
        return line[..(char.IsHighSurrogate(line[cut - 1]) ? cut - 1 : cut)] + "…";
    }
}

/// <summary>The listed messages of one kind, with the kind's count in the whole window.</summary>
internal sealed record DigestSection(LogKind Kind, string Name, long Count, IReadOnlyList<DigestGroup> Groups);
