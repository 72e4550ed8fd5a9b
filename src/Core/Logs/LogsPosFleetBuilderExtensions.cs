using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Ingest;
using PosFleet.Logs.Scanning;

namespace PosFleet.Logs;

/// <summary>Registers the log capability: <c>services.AddPosFleet().AddLogs(o =&gt; …)</c>.</summary>
public static class LogsPosFleetBuilderExtensions
{
    /// <summary>
    /// Registers the <see cref="ILogScanner"/> and the <see cref="ILogIngester"/> (over the <see cref="Storage.ILogStore"/>
    /// of the builder) with their options, checked at start-up (<c>ValidatePosFleetOptions</c> without a host): a rules
    /// file that cannot be read or holds an invalid rule fails there, naming the option and the fix. <c>AddPosFleet</c>
    /// calls it; call it again to configure the scanner and its classification rules. Registering twice registers once.
    /// </summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="configure">Configures the scanner and its classification rules.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddLogs(this IPosFleetBuilder builder, Action<LogScanOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<LogScanOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LogScanOptions>, LogScanOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new LogParsing(sp.GetRequiredService<IOptions<LogScanOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ILogScanner, LogScanner>();
        services.TryAddClassificationRuleCatalog();
        services.AddOptions<LogIngestOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LogIngestOptions>, LogIngestOptionsValidator>());
        services.TryAddSingleton<ILogIngester, LogIngester>();
        return builder;
    }
}
