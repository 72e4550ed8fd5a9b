using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.Sqlite.Tests.Sync.Changes;

/// <summary>A back office and terminals on real SQLite files, with the host's tables created before PosFleet starts.</summary>
internal static class ChangeHosts
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, organization TEXT NOT NULL, name TEXT NOT NULL, price REAL, picture BLOB);
        CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, organization TEXT NOT NULL, name TEXT NOT NULL, terminal_id TEXT);
        CREATE TABLE IF NOT EXISTS tickets (id TEXT PRIMARY KEY, organization TEXT NOT NULL, total REAL NOT NULL);
        """;

    public static SyncTable Items(SyncConflictPolicy policy = SyncConflictPolicy.ServerWins, ISyncConflictResolver? resolver = null) => new()
    {
        Name = "items", KeyColumns = ["id"], Columns = ["name", "price", "picture"], OrganizationColumn = "organization", ConflictPolicy = policy, Resolver = resolver,
    };

    public static SyncTable Users() => new() { Name = "users", KeyColumns = ["id"], Columns = ["name"], OrganizationColumn = "organization", TerminalColumn = "terminal_id" };

    public static SyncTable Tickets() => new() { Name = "tickets", KeyColumns = ["id"], Columns = ["total"], OrganizationColumn = "organization", ConflictPolicy = SyncConflictPolicy.AppendOnly };

    /// <summary>A host on <paramref name="path"/>: a back office when <paramref name="terminalId"/> is null, else that terminal of folder-1.</summary>
    public static ServiceProvider Create(string path, string? terminalId, Action<SyncTablesOptions>? configure = null, Action<IPosFleetBuilder>? more = null)
    {
        var services = new ServiceCollection().AddLogging();
        var builder = services.AddPosFleet(o => { o.TerminalId = terminalId; o.Organization = terminalId is null ? null : "folder-1"; })
            .UseSqliteStorageFile(path, o => o.CheckOnOpen = false)
            .AddSyncTables(configure ?? (o =>
            {
                o.Tables.Add(Items());
                o.Tables.Add(Users());
                o.Tables.Add(Tickets());
            }));
        more?.Invoke(builder);
        // The host's own tables first, as a till's database holds them before PosFleet is added; PosFleet's go beside them.
        SqliteFile.Execute(path, Schema);
        var provider = services.BuildServiceProvider();
        provider.ValidatePosFleetOptions();
        provider.GetRequiredService<PosFleet.Connectors.Sqlite.Internal.SqliteDatabase>().EnsureReadyAsync(CancellationToken.None).GetAwaiter().GetResult();
        return provider;
    }

    public static async Task<List<ChangeBatch>> ExportAllAsync(IChangeExporter exporter, string? terminalId, long checkpoint = 0, string organization = "folder-1")
    {
        var batches = new List<ChangeBatch>();
        ChangeBatch batch;
        do
        {
            batch = await exporter.ExportAsync(organization, terminalId, checkpoint, CancellationToken.None);
            batches.Add(batch);
            checkpoint = batch.Checkpoint;
        }
        while (batch.HasMore);
        return batches;
    }

    public static async Task ImportAllAsync(IChangeImporter importer, IEnumerable<ChangeBatch> batches)
    {
        foreach (var batch in batches)
        {
            await importer.ImportAsync(batch, CancellationToken.None);
        }
    }

    /// <summary>The rows of a table as text, in key order, for comparing two files.</summary>
    public static string Dump(string path, string table)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table} ORDER BY id;";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : reader.GetValue(i) is byte[] b ? Convert.ToHexString(b) : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return string.Join('\n', rows);
    }
}
