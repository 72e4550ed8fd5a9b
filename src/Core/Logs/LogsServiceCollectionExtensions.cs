using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Ingest;
using PosFleet.Logs.Scanning;
using PosFleet.Logs.Storage;

namespace PosFleet.Logs;

/// <summary>Registers the log capability.</summary>
public static class LogsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="LogScanner"/>, the <see cref="LogIngester"/> (which needs an <see cref="ILogStore"/>, such as
    /// the one <c>AddPosFleet</c> registers) and their options, checked at start-up. Configure the ingest with
    /// <c>services.Configure&lt;LogIngestOptions&gt;(…)</c>.
    /// </summary>
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
        services.TryAddClassificationRuleCatalog();
        services.AddOptions<LogIngestOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LogIngestOptions>, LogIngestOptionsValidator>());
        services.TryAddSingleton(sp => new LogIngester(
            sp.GetRequiredService<LogScanner>(), sp.GetRequiredService<ILogStore>(), sp.GetRequiredService<IOptions<LogIngestOptions>>()));
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
