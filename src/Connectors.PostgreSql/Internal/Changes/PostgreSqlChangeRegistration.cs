using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.PostgreSql.Internal.Changes;

/// <summary>The PostgreSQL side of the incremental export: a back office's change tracking, export and retention, and a terminal's import.</summary>
internal static class PostgreSqlChangeRegistration
{
    public static void AddPostgreSqlChanges(this IServiceCollection services)
    {
        services.AddOptions<SyncTablesOptions>();
        services.TryAddSingleton<PostgreSqlChangeTracking>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgreSqlChangeTracking>(sp => sp.GetRequiredService<PostgreSqlChangeTracking>()));
        services.Replace(ServiceDescriptor.Singleton<IChangeExporter, PostgreSqlChangeExporter>());
        services.Replace(ServiceDescriptor.Singleton<IChangeImporter, PostgreSqlChangeImporter>());
        services.Replace(ServiceDescriptor.Singleton<IChangeRetention, PostgreSqlChangeRetention>());
    }
}
