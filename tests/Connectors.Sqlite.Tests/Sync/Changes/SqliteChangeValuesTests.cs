using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.Sqlite.Tests.Sync.Changes;

/// <summary>Values keep their SQLite type from the back office's row to the terminal's, whatever the column's affinity.</summary>
public sealed class SqliteChangeValuesTests : IDisposable
{
    private const string Counters = "CREATE TABLE IF NOT EXISTS counters (id TEXT PRIMARY KEY, organization TEXT NOT NULL, n, ratio);";

    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private static void Declare(SyncTablesOptions options) =>
        options.Tables.Add(new SyncTable { Name = "counters", KeyColumns = ["id"], Columns = ["n", "ratio"], OrganizationColumn = "organization" });

    [Fact]
    public async Task ImportAsync_IntegerInAColumnWithoutType_ArrivesAsAnIntegerNotAReal()
    {
        var backOfficeDb = Path.Combine(_dir.Path, "backoffice.db");
        var tillDb = Path.Combine(_dir.Path, "till.db");
        SqliteFile.Execute(backOfficeDb, Counters + "INSERT INTO counters VALUES ('a', 'folder-1', 3, 0.5);");
        SqliteFile.Execute(tillDb, Counters);
        await using var backOffice = ChangeHosts.Create(backOfficeDb, terminalId: null, Declare);
        await using var till = ChangeHosts.Create(tillDb, "till-01", Declare);

        await ChangeHosts.ImportAllAsync(till.GetRequiredService<IChangeImporter>(), await ChangeHosts.ExportAllAsync(backOffice.GetRequiredService<IChangeExporter>(), "till-01"));

        Assert.Equal("integer 3|real 0.5", SqliteFile.Scalar(tillDb, "SELECT typeof(n) || ' ' || n || '|' || typeof(ratio) || ' ' || ratio FROM counters;"));
    }
}
