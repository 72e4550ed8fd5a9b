namespace PosFleet.Logs.Dashboard;

/// <summary>Configures the log dashboard from the PosFleet builder.</summary>
public static class LogDashboardPosFleetBuilderExtensions
{
    /// <summary>
    /// Changes the defaults of the <see cref="ILogDashboard"/> that <c>AddPosFleet</c> registers: the window and how many
    /// templates and terminals are listed. The options are checked at start-up.
    /// </summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="configure">Configures the dashboard, such as <c>o =&gt; o.Top = 5</c>.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddLogDashboard(this IPosFleetBuilder builder, Action<LogDashboardOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddLogDashboard(configure);
        return builder;
    }
}
