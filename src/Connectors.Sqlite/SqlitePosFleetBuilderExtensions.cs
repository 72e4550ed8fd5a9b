using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PosFleet.Actions;
using PosFleet.Actions.BuiltIn;
using PosFleet.Actions.Terminal;
using PosFleet.Connectors.Sqlite.Internal;
using PosFleet.Connectors.Sqlite.Internal.Actions;
using PosFleet.Connectors.Sqlite.Internal.Changes;
using PosFleet.Digests;
using PosFleet.Logs.Storage;
using PosFleet.Status;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Inbox;
using PosFleet.Sync.Outbox;

namespace PosFleet.Connectors.Sqlite;

/// <summary>Registers the SQLite storage: <c>services.AddPosFleet().UseSqliteStorage("Data Source=fleet.db")</c>.</summary>
public static class SqlitePosFleetBuilderExtensions
{
    /// <summary>Keeps PosFleet's data in a SQLite file, replacing the in-memory stores.</summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="connectionString">The connection string, such as <c>Data Source=fleet.db</c>.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder UseSqliteStorage(this IPosFleetBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseSqliteStorage(o => o.ConnectionString = connectionString);
    }

    /// <summary>
    /// Keeps PosFleet's data in the SQLite file at <paramref name="path"/> (created when missing), replacing the
    /// in-memory stores. The path may hold any character a file name can; it is never parsed as a connection string.
    /// </summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="path">The database file, such as <c>fleet.db</c>; relative paths are resolved against the current directory now.</param>
    /// <param name="configure">Configures the other options (busy timeout, <see cref="SqliteStorageOptions.CheckOnOpen"/> …).</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder UseSqliteStorageFile(this IPosFleetBuilder builder, string path, Action<SqliteStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path) }.ToString();
        return builder.UseSqliteStorage(o =>
        {
            o.ConnectionString = connectionString;
            configure?.Invoke(o);
        });
    }

    /// <summary>
    /// Keeps PosFleet's data in a SQLite file, replacing the in-memory stores. In a generic host, the file is checked
    /// and migrated when the host starts (a file that cannot be used fails start-up); otherwise on first use.
    /// </summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="configure">Configures the storage; the options are checked at start-up.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder UseSqliteStorage(this IPosFleetBuilder builder, Action<SqliteStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<SqliteStorageOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStorageOptions>, SqliteStorageOptionsValidator>());
        services.TryAddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<IOptions<SqliteStorageOptions>>().Value));
        // A host checks and migrates the file at start-up; without one, the store does it on first use.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SqliteStorageStartup>());
        services.Replace(ServiceDescriptor.Singleton<ILogStore, SqliteLogStore>());
        // Replace, not TryAdd: AddDigests may already have registered the in-memory store.
        services.Replace(ServiceDescriptor.Singleton<IDigestStore, SqliteDigestStore>());
        // The sync stores: the terminal's outbox, the back office's inbox and terminal credentials.
        services.Replace(ServiceDescriptor.Singleton<IOutbox, SqliteOutbox>());
        services.Replace(ServiceDescriptor.Singleton<ISyncInboxStore, SqliteSyncInboxStore>());
        services.Replace(ServiceDescriptor.Singleton<ITerminalCredentialStore, SqliteTerminalCredentialStore>());
        // The back office's terminal status and sync errors (AddStatus).
        services.Replace(ServiceDescriptor.Singleton<ITerminalStatusStore, SqliteTerminalStatusStore>());
        // The incremental export of the host's own tables (AddSyncTables) and the connector configurations.
        services.AddSqliteChanges();
        // Remote actions: the back office's actions and uploads, the terminal's journal, and the reset of its synced tables.
        services.Replace(ServiceDescriptor.Singleton<IRemoteActionStore, SqliteRemoteActionStore>());
        services.Replace(ServiceDescriptor.Singleton<IRemoteActionJournal, SqliteRemoteActionJournal>());
        services.Replace(ServiceDescriptor.Singleton<ILocalDatabaseReset, SqliteLocalDatabaseReset>());

        // Package updates: the back office's releases, targets and terminal states, and the terminal's own state.
        services.Replace(ServiceDescriptor.Singleton<PosFleet.Updates.IPackageStore, Internal.Updates.SqlitePackageStore>());
        services.Replace(ServiceDescriptor.Singleton<PosFleet.Updates.ITerminalPackageStateStore, Internal.Updates.SqliteTerminalPackageStateStore>());

        // The notification engine's outbox, skips and in-app inboxes (AddNotificationEngine).
        services.Replace(ServiceDescriptor.Singleton<PosFleet.Notifications.Engine.INotificationStore, SqliteNotificationStore>());
        // The recipients' push subscriptions (AddWebPushNotifier registers an in-memory store only when none is).
        services.Replace(ServiceDescriptor.Singleton<PosFleet.Notifications.Push.IPushSubscriptionStore, SqlitePushSubscriptionStore>());
        return builder;
    }
}
