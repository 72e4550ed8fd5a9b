using Microsoft.Data.Sqlite;
using PosFleet.Connectors.Sqlite.Internal;

namespace PosFleet.Connectors.Sqlite.Tests;

/// <summary>Reads and writes a database file directly, outside the store, on connections that are not pooled.</summary>
internal static class SqliteFile
{
    private static string ConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();

    public static object? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection(ConnectionString(path));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection(ConnectionString(path));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The schema version PosFleet recorded in the file (its own table; <c>PRAGMA user_version</c> is the host's).</summary>
    public static long SchemaVersion(string path) => (long)Scalar(path, $"SELECT version FROM {SqliteMigrations.VersionTable};")!;

    /// <summary>A store as the migrations up to <paramref name="version"/> left it, as an earlier build wrote it (the version in <c>PRAGMA user_version</c>).</summary>
    public static void CreateAtSchema(string path, int version, string data)
    {
        using var connection = new SqliteConnection(ConnectionString(path));
        connection.Open();
        // 0004 rebuilds the full-text index through the function the migration runner registers.
        connection.CreateFunction<string, string?, string?, string>("posfleet_message", (template, parts, message) => message ?? MessageParams.Join(template, parts ?? ""), isDeterministic: true);
        using var command = connection.CreateCommand();
        command.CommandText = string.Join("\n", SqliteMigrations.All.Take(version).Select(m => m.Sql)) + $"\nPRAGMA user_version = {version};\n" + data;
        command.ExecuteNonQuery();
    }

    /// <summary>How many rows of the full-text index hold every word of <paramref name="words"/>, deleted entries included if left behind.</summary>
    public static long IndexedRows(string path, string words) =>
        (long)Scalar(path, $"SELECT count(*) FROM entries_text WHERE entries_text MATCH '{words}';")!;
}
