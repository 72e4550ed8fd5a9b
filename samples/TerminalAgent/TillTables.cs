using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PosFleet.Connectors.Sqlite;
using PosFleet.Sync.Changes;

namespace PosFleet.Samples.TerminalAgent;

/// <summary>The till's own tables in the PosFleet file: its tickets, and the items the back office exports to it.</summary>
internal sealed class TillTables(IOptions<SqliteStorageOptions> storage) : IHostedService
{
    /// <summary>Declared as the back office declares it (samples/BackOffice): server wins, prices come from there.</summary>
    public static readonly SyncTable Items = new() { Name = "items", KeyColumns = ["id"], Columns = ["name", "price"], OrganizationColumn = "organization" };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(storage.Value.ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL NOT NULL, organization TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS tickets (id TEXT PRIMARY KEY, total TEXT NOT NULL, sold_at TEXT NOT NULL);
                """;
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
