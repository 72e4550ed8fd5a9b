using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Connectors.Sqlite;
using PosFleet.Sync.Outbox;

namespace PosFleet.Cli.Tests.Sync;

/// <summary>The files of the sync command tests: a PosFleet store with the host's tables in it, and their declarations.</summary>
internal static class SyncFiles
{
    public const string TablesJson = """
        {
          // the host's tables, as its own code declares them
          "tables": [
            { "name": "items", "key": ["id"], "columns": ["name", "price"], "organizationColumn": "folder" },
            { "name": "users", "key": ["id"], "columns": ["name"], "organizationColumn": "folder", "terminalColumn": "terminal_id" }
          ]
        }
        """;

    /// <summary>Creates a PosFleet store (as a host does on its first start), then the host's tables in it.</summary>
    public static async Task CreateStoreWithHostTablesAsync(string path)
    {
        var services = new ServiceCollection();
        services.AddPosFleet().UseSqliteStorageFile(path);
        await using (var provider = services.BuildServiceProvider())
        {
            await provider.GetRequiredService<IOutbox>().CountAsync(CancellationToken.None);
        }

        Execute(path, """
            CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL NOT NULL, folder TEXT NOT NULL);
            CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, folder TEXT NOT NULL, terminal_id TEXT);
            """);
    }

    public static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static List<string> Rows(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
