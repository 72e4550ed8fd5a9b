using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PosFleet.Logs.Dashboard;

/// <summary>Registers the log dashboard.</summary>
public static class LogDashboardServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="ILogDashboard"/> over the host's <see cref="Storage.ILogStore"/> and its options (checked
    /// at start-up). <c>AddPosFleet</c> calls it; call it again to change the defaults.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the default window and how many templates and terminals are listed.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddLogDashboard(this IServiceCollection services, Action<LogDashboardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<LogDashboardOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LogDashboardOptions>, LogDashboardOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILogDashboard, LogDashboard>();
        return services;
    }
}
