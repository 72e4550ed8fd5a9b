using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PosFleet.Logs.Retention;

/// <summary>Registers log retention.</summary>
public static class LogRetentionPosFleetBuilderExtensions
{
    /// <summary>
    /// Registers a hosted service that deletes the log entries older than <see cref="LogRetentionOptions.Period"/> from
    /// the <see cref="Storage.ILogStore"/>, at start-up and every <see cref="LogRetentionOptions.Interval"/>. Options are
    /// validated at start-up; calling this twice registers the service once.
    /// </summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="configure">Configures the retention, such as <c>o =&gt; o.Period = TimeSpan.FromDays(30)</c>.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddLogRetention(this IPosFleetBuilder builder, Action<LogRetentionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<LogRetentionOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LogRetentionOptions>, LogRetentionOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LogRetentionService>());
        return builder;
    }
}
