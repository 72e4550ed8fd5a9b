using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using PosFleet.Sync.Changes;
using PosFleet.Sync.Configurations;

namespace PosFleet.Connectors.Sqlite.Internal.Changes;

/// <summary>The SQLite side of the incremental export: change tracking, export, import and connector configurations.</summary>
internal static class SqliteChangeRegistration
{
    public static void AddSqliteChanges(this IServiceCollection services)
    {
        services.AddOptions<SyncTablesOptions>();
        services.TryAddSingleton<SqliteChangeTracking>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SqliteChangeTracking>(sp => sp.GetRequiredService<SqliteChangeTracking>()));
        services.Replace(ServiceDescriptor.Singleton<IChangeExporter, SqliteChangeExporter>());
        services.Replace(ServiceDescriptor.Singleton<IChangeImporter, SqliteChangeImporter>());
        services.Replace(ServiceDescriptor.Singleton<IChangeRetention, SqliteChangeRetention>());
        services.Replace(ServiceDescriptor.Singleton<ITerminalConfigurationStore, SqliteTerminalConfigurationStore>());
    }
}
