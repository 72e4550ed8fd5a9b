using Npgsql;

namespace PosFleet.Connectors.PostgreSql;

/// <summary>Options of the PostgreSQL storage; checked at start-up. Set either <see cref="ConnectionString"/> or <see cref="DataSource"/>.</summary>
public sealed class PostgreSqlStorageOptions
{
    /// <summary>The connection string, such as <c>Host=db;Database=posfleet;Username=posfleet</c> (the password from a password file or the environment).</summary>
    /// <value>The default value is empty (not set).</value>
    public string ConnectionString { get; set; } = "";

    /// <summary>A data source the host built and owns (its pool, its logging, its authentication); PosFleet does not dispose it.</summary>
    /// <value>The default value is <see langword="null"/> (PosFleet builds one from <see cref="ConnectionString"/>).</value>
    public NpgsqlDataSource? DataSource { get; set; }

    /// <summary>
    /// How long a log partition spans; retention drops whole partitions older than its limit. The database records it
    /// when first migrated, and a host started later with another value fails start-up.
    /// </summary>
    /// <value>The default value is 1 day.</value>
    public TimeSpan LogPartitionInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long start-up waits for the migration lock that another instance holds while it migrates the same database;
    /// past it start-up fails, naming the database and what to check.
    /// </summary>
    /// <value>The default value is 2 minutes.</value>
    public TimeSpan MigrationLockTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long an instance that peeked a terminal's outbox stays its only sender: others sharing the outbox see it
    /// empty until that instance acknowledges (or rejects) what it sent, or until this lease ends — after a crash, the
    /// next instance then sends the same messages again, which the back office's inbox recognizes. Keep it above the
    /// longest exchange.
    /// </summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan OutboxLeaseDuration { get; set; } = TimeSpan.FromMinutes(5);
}
