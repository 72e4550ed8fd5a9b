namespace PosFleet.Logs.Dashboard;

/// <summary>The defaults of the <see cref="ILogDashboard"/>; a <see cref="LogDashboardQuery"/> may override them.</summary>
public sealed class LogDashboardOptions
{
    /// <summary>How long the window is: a whole number of hours, from 1 hour to 366 days.</summary>
    /// <value>The default value is 48 hours.</value>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(48);

    /// <summary>How many templates and terminals the dashboard lists, at least 1.</summary>
    /// <value>The default value is 10.</value>
    public int Top { get; set; } = 10;
}
