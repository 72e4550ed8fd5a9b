using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PosFleet.Logs.Ingest;

/// <summary>Registers the ingest service: <c>services.AddPosFleet().UseSqliteStorage(…).AddLogIngest(o =&gt; o.Paths.Add("/var/log/pos"))</c>.</summary>
public static class LogIngestPosFleetBuilderExtensions
{
    /// <summary>
    /// Registers a hosted service that tails <see cref="LogIngestOptions.Paths"/> into the <see cref="Storage.ILogStore"/>
    /// through the <see cref="ILogIngester"/>, so that a back office ingests without the command-line tool: at start-up
    /// each file is read from its checkpoint, then looked at again every <see cref="LogIngestOptions.PollInterval"/>
    /// (set <see cref="LogIngestOptions.Follow"/> to <see langword="false"/> to read them once). When the host stops,
    /// everything read is committed before the service ends; a store failure is logged and the ingest starts again after
    /// the poll interval. The options are validated at start-up (at least one path). Calling this twice registers the
    /// service once, with the paths of both calls.
    /// </summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="configure">Configures the ingest, such as <c>o =&gt; { o.Paths.Add("/var/log/pos"); o.Organization = "ACME"; }</c>.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddLogIngest(this IPosFleetBuilder builder, Action<LogIngestOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddLogs();
        var services = builder.Services;
        // The service's own named options: a tailing service follows unless told otherwise, without changing the
        // options of the ILogIngester that other code calls.
        var options = services.AddOptions<LogIngestOptions>(LogIngestService.OptionsName);
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(LogIngestService)))
        {
            options.Configure(o => o.Follow = true);
        }

        options.Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LogIngestOptions>, LogIngestServiceOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LogIngestService>());
        return builder;
    }
}
