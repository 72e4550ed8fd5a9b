using System.Globalization;
using Microsoft.AspNetCore.Http;
using PosFleet.Status;

namespace PosFleet.AspNetCore.BackOffice.Pages;

/// <summary>
/// The status board's filters as the page's GET form sends them (seed 004: organization, "most recent update within N
/// days/hours/minutes", "do not show successfully synced terminals", health, text; the order and the page), read into
/// the board's own <see cref="StatusBoardQuery"/> — the page, its paging links and its Excel link all go through it,
/// so "Excel" exports exactly what is shown.
/// </summary>
internal sealed record StatusBoardForm
{
    public const int PageSize = 100;

    public string? Organization { get; init; }

    public int? Within { get; init; }

    public string Unit { get; init; } = "hours";

    public bool HideSynced { get; init; }

    public IReadOnlyList<TerminalHealth> Health { get; init; } = [];

    public string? Text { get; init; }

    public StatusBoardSort Sort { get; init; } = StatusBoardSort.Health;

    public string? After { get; init; }

    /// <summary>What was wrong in the form (a bad number, a cursor of another order), already in the board's words; the rest of the form still applies.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public static StatusBoardForm Read(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var problems = new List<string>();
        var unit = query["unit"].ToString() is "days" or "minutes" ? query["unit"].ToString() : "hours";
        int? within = null;
        var withinText = query["within"].ToString().Trim();
        if (withinText.Length > 0)
        {
            if (int.TryParse(withinText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 100_000)
            {
                within = n;
            }
            else
            {
                problems.Add("within");
            }
        }

        var health = new List<TerminalHealth>();
        foreach (var value in query["health"])
        {
            if (Enum.TryParse<TerminalHealth>(value, ignoreCase: true, out var h) && Enum.IsDefined(h) && !health.Contains(h))
            {
                health.Add(h);
            }
        }

        var sort = Enum.TryParse<StatusBoardSort>(query["sort"].ToString(), ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : StatusBoardSort.Health;
        var text = query["q"].ToString().Trim();
        var organization = query["org"].ToString().Trim();
        return new StatusBoardForm
        {
            Organization = organization.Length == 0 ? null : Truncate(organization),
            Within = within,
            Unit = unit,
            HideSynced = IsOn(query["hideSynced"]),
            Health = health,
            Text = text.Length == 0 ? null : Truncate(text),
            Sort = sort,
            After = query["after"].ToString() is { Length: > 0 } after ? after : null,
            Problems = problems,
        };
    }

    public TimeSpan? UpdatedWithin => Within is not { } n ? null : Unit switch
    {
        "days" => TimeSpan.FromDays(n),
        "minutes" => TimeSpan.FromMinutes(n),
        _ => TimeSpan.FromHours(n),
    };

    /// <summary>The board's query for this form at <paramref name="asOf"/>; a cursor that does not fit the order is dropped (first page).</summary>
    public StatusBoardQuery ToQuery(DateTimeOffset asOf)
    {
        var query = new StatusBoardQuery
        {
            Organization = Organization,
            UpdatedWithin = UpdatedWithin,
            HideSynced = HideSynced,
            Health = Health.Count == 0 ? null : Health,
            Text = Text,
            Sort = Sort,
            Limit = PageSize,
            After = After,
            AsOf = asOf,
        };
        try
        {
            query.Validate();
            return query;
        }
        catch (ArgumentException)
        {
            return query with { After = null };
        }
    }

    /// <summary>The form as a query string (without the cursor unless <paramref name="after"/> is given), for paging and Excel links.</summary>
    public string ToQueryString(string? after = null)
    {
        var values = new List<KeyValuePair<string, string?>>();
        if (Organization is not null)
        {
            values.Add(new("org", Organization));
        }

        if (Within is { } within)
        {
            values.Add(new("within", within.ToString(CultureInfo.InvariantCulture)));
            values.Add(new("unit", Unit));
        }

        if (HideSynced)
        {
            values.Add(new("hideSynced", "on"));
        }

        foreach (var h in Health)
        {
            values.Add(new("health", h.ToString()));
        }

        if (Text is not null)
        {
            values.Add(new("q", Text));
        }

        values.Add(new("sort", Sort.ToString()));
        if (after is not null)
        {
            values.Add(new("after", after));
        }

        return QueryString.Create(values).ToUriComponent();
    }

    private static bool IsOn(Microsoft.Extensions.Primitives.StringValues value) =>
        value.Any(v => v is "on" or "true" or "1");

    private static string Truncate(string value) => value.Length > 200 ? value[..200] : value;
}
