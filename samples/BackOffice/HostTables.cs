using System.Data.Common;
using PosFleet.Sync.Changes;

namespace PosFleet.Samples.BackOffice;

/// <summary>
/// The back office's own tables in PosFleet's database (the SQLite file or the PostgreSQL database): the items it
/// exports to the terminals, the tickets they send. The statements are plain SQL both engines run.
/// </summary>
internal sealed class HostTables(Func<DbConnection> connect) : IHostedService
{
    /// <summary>Items, per organization: a price changed here reaches every terminal of that organization.</summary>
    public static readonly SyncTable Items = new() { Name = "items", KeyColumns = ["id"], Columns = ["name", "price"], OrganizationColumn = "organization" };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connection = connect();
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var create = connection.CreateCommand();
            await using (create.ConfigureAwait(false))
            {
                create.CommandText = """
                    CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL NOT NULL, organization TEXT NOT NULL);
                    CREATE TABLE IF NOT EXISTS tickets (id TEXT PRIMARY KEY, terminal TEXT NOT NULL, organization TEXT NOT NULL, total TEXT NOT NULL, received_at TEXT NOT NULL);
                    """;
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
