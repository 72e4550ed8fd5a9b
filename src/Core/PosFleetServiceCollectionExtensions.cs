using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PosFleet.Logs;
using PosFleet.Logs.Dashboard;
using PosFleet.Logs.Storage;

namespace PosFleet;

/// <summary>The dependency-injection entry point of PosFleet.</summary>
public static class PosFleetServiceCollectionExtensions
{
    /// <summary>
    /// Registers the PosFleet engine (the log scanner, ingester and dashboard of <c>AddLogs</c> and <c>AddLogDashboard</c>,
    /// the in-memory stores) and returns the builder that every other registration hangs off. Call it once per
    /// container; calling it again registers nothing twice.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the shared options.</param>
    /// <returns>The builder, for chaining connector registrations.</returns>
    public static IPosFleetBuilder AddPosFleet(this IServiceCollection services, Action<PosFleetOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<PosFleetOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PosFleetOptions>, PosFleetOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILogStore, InMemoryLogStore>();
        return new PosFleetBuilder(services).AddLogs().AddLogDashboard();
    }

    private sealed class PosFleetBuilder(IServiceCollection services) : IPosFleetBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
