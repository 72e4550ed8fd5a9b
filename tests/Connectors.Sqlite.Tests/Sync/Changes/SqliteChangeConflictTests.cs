using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.Sqlite.Tests.Sync.Changes;

/// <summary>Conflict policies: what the terminal's import does with a row it already holds.</summary>
public sealed class SqliteChangeConflictTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Terminal => Path.Combine(_dir.Path, "till-1.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Theory]
    [InlineData(SyncConflictPolicy.ServerWins, "1|folder-1|from back office|2.5|NULL", "")]
    [InlineData(SyncConflictPolicy.ClientWins, "1|folder-1|local|1|NULL", "1|folder-1|local|1|NULL")]
    [InlineData(SyncConflictPolicy.AppendOnly, "1|folder-1|local|1|NULL", "")]
    public async Task Import_RowHeldLocally_PolicyDecidesUpdateAndDelete(SyncConflictPolicy policy, string afterUpdate, string afterDelete)
    {
        await using var terminal = ChangeHosts.Create(Terminal, "till-1", o => o.Tables.Add(ChangeHosts.Items(policy)));
        var importer = terminal.GetRequiredService<IChangeImporter>();
        await importer.GetCheckpointAsync("folder-1", CancellationToken.None);
        SqliteFile.Execute(Terminal, "INSERT INTO items (id, organization, name, price) VALUES (1, 'folder-1', 'local', 1);");

        await importer.ImportAsync(Batch(0, 1, Update()), CancellationToken.None);
        var updated = ChangeHosts.Dump(Terminal, "items");
        await importer.ImportAsync(Batch(1, 2, Delete()), CancellationToken.None);

        Assert.Equal(afterUpdate, updated);
        Assert.Equal(afterDelete, ChangeHosts.Dump(Terminal, "items"));
    }

    [Fact]
    public async Task Import_CustomResolver_ConsultedWithBothRowsAndObeyed()
    {
        var resolver = new HigherPriceWins();
        await using var terminal = ChangeHosts.Create(Terminal, "till-1", o => o.Tables.Add(ChangeHosts.Items(SyncConflictPolicy.Custom, resolver)));
        var importer = terminal.GetRequiredService<IChangeImporter>();
        await importer.GetCheckpointAsync("folder-1", CancellationToken.None);
        SqliteFile.Execute(Terminal, "INSERT INTO items (id, organization, name, price) VALUES (1, 'folder-1', 'local', 9);");

        var kept = await importer.ImportAsync(Batch(0, 1, Update()), CancellationToken.None);
        SqliteFile.Execute(Terminal, "UPDATE items SET price = 1 WHERE id = 1;");
        var taken = await importer.ImportAsync(Batch(1, 2, Update()), CancellationToken.None);

        Assert.Equal(1, kept.KeptLocal);
        Assert.Equal(1, taken.Written);
        Assert.Equal("1|folder-1|from back office|2.5|NULL", ChangeHosts.Dump(Terminal, "items"));
        Assert.Equal(2, resolver.Calls);
    }

    [Fact]
    public async Task Import_AppendOnlyTicketMissingLocally_Inserted()
    {
        await using var terminal = ChangeHosts.Create(Terminal, "till-1");
        var importer = terminal.GetRequiredService<IChangeImporter>();
        var ticket = new RowChange { Table = "tickets", Version = 1, Values = SqliteChangeExportImportTests.Row("""{"id": "T-1", "organization": "folder-1", "total": 12.5}""") };

        await importer.ImportAsync(Batch(0, 1, ticket), CancellationToken.None);

        Assert.Equal("T-1|folder-1|12.5", ChangeHosts.Dump(Terminal, "tickets"));
    }

    private static RowChange Update() => new()
    {
        Table = "items", Version = 1,
        Values = SqliteChangeExportImportTests.Row("""{"id": 1, "organization": "folder-1", "name": "from back office", "price": 2.5, "picture": null}"""),
    };

    private static RowChange Delete() => new() { Table = "items", Version = 2, Deleted = true, Values = SqliteChangeExportImportTests.Row("""{"id": 1}""") };

    private static ChangeBatch Batch(long from, long to, RowChange change) => new() { Organization = "folder-1", FromCheckpoint = from, Checkpoint = to, Changes = [change] };

    private sealed class HigherPriceWins : ISyncConflictResolver
    {
        public int Calls { get; private set; }

        public ValueTask<SyncConflictDecision> ResolveAsync(SyncConflict conflict, CancellationToken cancellationToken)
        {
            Calls++;
            return ValueTask.FromResult(Convert.ToDouble(conflict.Local["price"], System.Globalization.CultureInfo.InvariantCulture)
                > Convert.ToDouble(conflict.Incoming["price"], System.Globalization.CultureInfo.InvariantCulture)
                ? SyncConflictDecision.KeepLocal
                : SyncConflictDecision.TakeIncoming);
        }
    }
}
