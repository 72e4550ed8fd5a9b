using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PosFleet.Sync.Changes;

/// <summary>Declares the host's tables that the back office exports to its terminals.</summary>
public static class SyncTablesPosFleetBuilderExtensions
{
    /// <summary>
    /// Declares the tables the back office exports and the terminals import, the same way on both sides; the
    /// declarations are checked at start-up. A storage connector does the rest: <c>UseSqliteStorage</c> and
    /// <c>UsePostgreSqlStorage</c> install the change tracking on a back office (a host without
    /// <see cref="PosFleetOptions.TerminalId"/>); <c>UseSqliteStorage</c> imports on a terminal.
    /// On a back office, a hosted pass purges the tombstones older than <see cref="SyncTablesOptions.TombstoneRetention"/>.
    /// A back office whose storage tracks no changes (no <see cref="IChangeExporter"/>: the in-memory
    /// storage) fails start-up when tables are declared, rather than never sending them.
    /// </summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="configure">Adds the tables, such as <c>o =&gt; o.Tables.Add(new SyncTable { Name = "users", ... })</c>.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddSyncTables(this IPosFleetBuilder builder, Action<SyncTablesOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<SyncTablesOptions>().Configure(configure).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SyncTablesOptions>, SyncTablesOptionsValidator>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SyncTablesOptions>, SyncTablesStorageValidator>());
        // The back office's tombstone retention (a no-op on a terminal, or with a storage that keeps no change log).
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddLogging(); // the retention pass logs; idempotent, a host's own logging configuration stays
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SyncChangeRetentionService>());
        return builder;
    }
}
