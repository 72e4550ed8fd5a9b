namespace PosFleet.Connectors.Sqlite;

/// <summary>Options of the SQLite storage; checked at start-up.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>The connection string, such as <c>Data Source=fleet.db</c>. Required.</summary>
    /// <value>The default value is empty (not set).</value>
    public string ConnectionString { get; set; } = "";

    /// <summary>How long a writer or reader waits for a lock held by another connection or process before failing.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many entries retention deletes per transaction, so that the write lock is never held long.</summary>
    /// <value>The default value is 5000.</value>
    public int RetentionChunkSize { get; set; } = 5000;

    /// <summary>
    /// Whether the whole file is checked with <c>PRAGMA quick_check</c> before it is first used, so that a file with
    /// damaged pages is refused with an error naming it and never written to. It runs once, when the host starts (or on
    /// first use without a host), and reads the whole file: seconds on a gigabyte store. A process
    /// that only reads may turn it off: the header and schema version are still checked, the whole file before any
    /// migration, and corruption met by a query is reported as such.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool CheckOnOpen { get; set; } = true;
}
