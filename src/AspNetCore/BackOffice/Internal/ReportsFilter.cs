using System.Globalization;
using Microsoft.AspNetCore.Http;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>
/// The reports' filters as the page's GET form sends them (<c>q</c>, <c>ref</c>, <c>severity</c>, <c>kind</c>,
/// <c>terminal</c>, <c>template</c>, <c>from</c>, <c>to</c> in the back office's time zone, <c>after</c> the cursor), and
/// the <see cref="LogQuery"/> they make — the same query the CLI's <c>posfleet logs</c> runs.
/// </summary>
internal sealed record ReportsFilter
{
    public string? Text { get; init; }

    public string? Reference { get; init; }

    public IReadOnlySet<LogSeverity> Severities { get; init; } = new HashSet<LogSeverity>();

    public IReadOnlySet<LogKind> Kinds { get; init; } = new HashSet<LogKind>();

    public string? Terminal { get; init; }

    public ulong? TemplateId { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public string? After { get; init; }

    /// <summary>The values that could not be read (a malformed time), to say so on the page.</summary>
    public IReadOnlyList<string> Rejected { get; init; } = [];

    public static ReportsFilter Read(IQueryCollection query, TimeZoneInfo timeZone)
    {
        var rejected = new List<string>();
        return new ReportsFilter
        {
            Text = Value(query, "q"),
            Reference = Value(query, "ref"),
            Severities = Enums<LogSeverity>(query["severity"]),
            Kinds = Enums<LogKind>(query["kind"]),
            Terminal = Value(query, "terminal"),
            TemplateId = ulong.TryParse(Value(query, "template"), NumberStyles.None, CultureInfo.InvariantCulture, out var template) ? template : null,
            From = Time(Value(query, "from"), timeZone, rejected),
            To = Time(Value(query, "to"), timeZone, rejected),
            After = Value(query, "after"),
            Rejected = rejected,
        };
    }

    public LogQuery ToQuery(string organization, int limit) => new()
    {
        Organization = organization,
        Text = Text,
        Reference = Reference,
        Severities = Severities.Count == 0 ? null : Severities,
        Kinds = Kinds.Count == 0 ? null : Kinds,
        Terminal = Terminal,
        TemplateId = TemplateId,
        From = From,
        To = To,
        After = After,
        Limit = limit,
    };

    /// <summary>The filters as query values, for the links to other pages of the same search.</summary>
    public IEnumerable<(string Name, string? Value)> ToQueryValues(BackOfficeRequest request)
    {
        yield return ("q", Text);
        yield return ("ref", Reference);
        foreach (var severity in Severities)
        {
            yield return ("severity", severity.ToString());
        }

        foreach (var kind in Kinds)
        {
            yield return ("kind", kind.ToString());
        }

        yield return ("terminal", Terminal);
        yield return ("template", TemplateId?.ToString(CultureInfo.InvariantCulture));
        yield return ("from", From is { } from ? LogLinks.LocalInput(request, from) : null);
        yield return ("to", To is { } to ? LogLinks.LocalInput(request, to) : null);
    }

    private static string? Value(IQueryCollection query, string name) =>
        query[name].ToString() is { Length: > 0 } value ? value.Trim() : null;

    private static HashSet<T> Enums<T>(Microsoft.Extensions.Primitives.StringValues values)
        where T : struct, Enum =>
        values.Select(v => Enum.TryParse<T>(v, ignoreCase: true, out var e) && Enum.IsDefined(e) ? e : (T?)null)
            .Where(e => e is not null).Select(e => e!.Value).ToHashSet();

    private static DateTimeOffset? Time(string? value, TimeZoneInfo timeZone, List<string> rejected)
    {
        if (value is null)
        {
            return null;
        }

        string[] formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"];
        if (DateTime.TryParseExact(value, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            return new DateTimeOffset(unspecified, timeZone.GetUtcOffset(unspecified));
        }

        rejected.Add(value);
        return null;
    }
}
