using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using PosFleet.Actions;
using PosFleet.Actions.BuiltIn;
using PosFleet.Actions.Terminal;
using PosFleet.Connectors.PostgreSql.Internal;
using PosFleet.Connectors.PostgreSql.Internal.Actions;
using PosFleet.Connectors.PostgreSql.Internal.Changes;
using PosFleet.Connectors.PostgreSql.Internal.Notifications;
using PosFleet.Connectors.PostgreSql.Internal.Updates;
using PosFleet.Digests;
using PosFleet.Logs.Storage;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Push;
using PosFleet.Status;
using PosFleet.Sync.Configurations;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Inbox;
using PosFleet.Sync.Outbox;
using PosFleet.Updates;

namespace PosFleet.Connectors.PostgreSql;

/// <summary>Registers the PostgreSQL storage: <c>services.AddPosFleet().UsePostgreSqlStorage("Host=db;Database=posfleet;Username=posfleet")</c>.</summary>
public static class PostgreSqlPosFleetBuilderExtensions
{
    /// <summary>Keeps PosFleet's data in a PostgreSQL database, replacing the in-memory stores.</summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="connectionString">The connection string, such as <c>Host=db;Database=posfleet;Username=posfleet</c>.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder UsePostgreSqlStorage(this IPosFleetBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UsePostgreSqlStorage(o => o.ConnectionString = connectionString);
    }

    /// <summary>
    /// Keeps PosFleet's data in the database of a data source the host built (its pool, authentication and logging),
    /// replacing the in-memory stores. The host keeps owning it: PosFleet does not dispose it.
    /// </summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="dataSource">The data source.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder UsePostgreSqlStorage(this IPosFleetBuilder builder, NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dataSource);
        return builder.UsePostgreSqlStorage(o => o.DataSource = dataSource);
    }

    /// <summary>
    /// Keeps PosFleet's data in a PostgreSQL database, replacing the in-memory stores. In a generic host, the schema is
    /// migrated when the host starts (several instances starting together take turns; a database written by a newer
    /// version fails start-up); otherwise on first use.
    /// </summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="configure">Configures the storage; the options are checked at start-up.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder UsePostgreSqlStorage(this IPosFleetBuilder builder, Action<PostgreSqlStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<PostgreSqlStorageOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlStorageOptions>, PostgreSqlStorageOptionsValidator>());
        services.TryAddSingleton(sp => new PostgreSqlDatabase(sp.GetRequiredService<IOptions<PostgreSqlStorageOptions>>().Value));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgreSqlStorageStartup>());
        services.Replace(ServiceDescriptor.Singleton<ILogStore, PostgreSqlLogStore>());
        // Replace, not TryAdd: AddDigests may already have registered the in-memory store.
        services.Replace(ServiceDescriptor.Singleton<IDigestStore, PostgreSqlDigestStore>());
        // The back office's sync stores: the inbox (with dead letters), terminal credentials and connector configurations.
        services.Replace(ServiceDescriptor.Singleton<ISyncInboxStore, PostgreSqlSyncInboxStore>());
        services.Replace(ServiceDescriptor.Singleton<ITerminalCredentialStore, PostgreSqlTerminalCredentialStore>());
        services.Replace(ServiceDescriptor.Singleton<ITerminalConfigurationStore, PostgreSqlTerminalConfigurationStore>());
        // Change tracking of the host's own tables (AddSyncTables): a back office's triggers, export and retention, and a
        // terminal's import.
        services.AddPostgreSqlChanges();
        // The back office's terminal status and sync errors (AddStatus).
        services.Replace(ServiceDescriptor.Singleton<ITerminalStatusStore, PostgreSqlTerminalStatusStore>());
        // The back office's remote actions, their reports and uploads.
        services.Replace(ServiceDescriptor.Singleton<IRemoteActionStore, PostgreSqlRemoteActionStore>());
        // A connector host's terminal side on a server: its outbox (one sender at a time among instances), its journal
        // of remote actions and the reset of its synced tables (the change importer is registered with the changes above).
        services.TryAddSingleton(TimeProvider.System);
        services.Replace(ServiceDescriptor.Singleton<IOutbox, PostgreSqlOutbox>());
        services.Replace(ServiceDescriptor.Singleton<IRemoteActionJournal, PostgreSqlRemoteActionJournal>());
        services.Replace(ServiceDescriptor.Singleton<ILocalDatabaseReset, PostgreSqlLocalDatabaseReset>());
        // Package updates: the back office's releases, targets and terminal states, and a terminal's own state.
        services.Replace(ServiceDescriptor.Singleton<IPackageStore, PostgreSqlPackageStore>());
        services.Replace(ServiceDescriptor.Singleton<ITerminalPackageStateStore, PostgreSqlTerminalPackageStateStore>());
        // The notification engine's outbox, skips and in-app inboxes (AddNotificationEngine), and the recipients' push
        // subscriptions (AddWebPushNotifier registers an in-memory store only when none is).
        services.Replace(ServiceDescriptor.Singleton<INotificationStore, PostgreSqlNotificationStore>());
        services.Replace(ServiceDescriptor.Singleton<IPushSubscriptionStore, PostgreSqlPushSubscriptionStore>());
        return builder;
    }
}
