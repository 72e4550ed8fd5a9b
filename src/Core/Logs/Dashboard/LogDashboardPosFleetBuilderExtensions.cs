using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PosFleet.Logs.Dashboard;

/// <summary>Registers the log dashboard.</summary>
public static class LogDashboardPosFleetBuilderExtensions
{
    /// <summary>
    /// Registers the <see cref="ILogDashboard"/> over the <see cref="Storage.ILogStore"/> of the builder, and its options
    /// (the window and how many templates and terminals are listed), checked at start-up. <c>AddPosFleet</c> calls it;
    /// call it again to change the defaults. Registering twice registers once.
    /// </summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="configure">Configures the dashboard, such as <c>o =&gt; o.Top = 5</c>.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddLogDashboard(this IPosFleetBuilder builder, Action<LogDashboardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<LogDashboardOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LogDashboardOptions>, LogDashboardOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILogDashboard, LogDashboard>();
        return builder;
    }
}
