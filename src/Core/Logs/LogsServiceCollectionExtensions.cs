using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PosFleet.Logs.Scanning;

namespace PosFleet.Logs;

/// <summary>Registers the log capability.</summary>
public static class LogsServiceCollectionExtensions
{
    /// <summary>Registers the <see cref="LogScanner"/> and its options (checked at start-up).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the scanner and its classification rules.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddLogs(this IServiceCollection services, Action<LogScanOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<LogScanOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LogScanOptions>, LogScanOptionsValidation>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new LogScanner(sp.GetRequiredService<IOptions<LogScanOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    private sealed class LogScanOptionsValidation : IValidateOptions<LogScanOptions>
    {
        public ValidateOptionsResult Validate(string? name, LogScanOptions options)
        {
            var errors = LogScanOptionsValidator.Validate(options);
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
