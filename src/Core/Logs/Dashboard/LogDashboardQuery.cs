namespace PosFleet.Logs.Dashboard;

/// <summary>Which dashboard to read. Unset fields take the <see cref="LogDashboardOptions"/> and the current time.</summary>
public sealed record LogDashboardQuery
{
    /// <summary>
    /// An instant in the last hour of the window: the window ends at the end of the (UTC) hour holding it, so that every
    /// hour shown is whole. <see langword="null"/>: now, from the host's <see cref="TimeProvider"/>.
    /// </summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>How long the window is, a whole number of hours; <see langword="null"/>: <see cref="LogDashboardOptions.Window"/>.</summary>
    public TimeSpan? Window { get; init; }

    /// <summary>How many templates and terminals to list; <see langword="null"/>: <see cref="LogDashboardOptions.Top"/>.</summary>
    public int? Top { get; init; }

    /// <summary>Only this organization's entries.</summary>
    public string? Organization { get; init; }

    /// <summary>Only this terminal's entries.</summary>
    public string? Terminal { get; init; }
}
