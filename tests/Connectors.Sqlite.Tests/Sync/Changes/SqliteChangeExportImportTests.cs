using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.Sqlite.Tests.Sync.Changes;

/// <summary>Export per organization since a checkpoint, and an idempotent, resumable import on the terminal.</summary>
public sealed class SqliteChangeExportImportTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string BackOffice => Path.Combine(_dir.Path, "backoffice.db");

    private string Terminal => Path.Combine(_dir.Path, "till-1.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task Export_MoreRowsThanABatch_BatchesBoundedAndTheTerminalEndsWithEveryRow()
    {
        await using var backOffice = ChangeHosts.Create(BackOffice, null, o => { o.Tables.Add(ChangeHosts.Items()); o.MaxBatchRows = 7; });
        var exporter = backOffice.GetRequiredService<IChangeExporter>();
        await exporter.ExportAsync("folder-1", null, 0, CancellationToken.None);
        SqliteFile.Execute(BackOffice, """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
            INSERT INTO items (id, organization, name, price, picture) SELECT i, 'folder-1', 'Item ' || i, i * 0.5, x'00ff' FROM n;
            """);

        var batches = await ChangeHosts.ExportAllAsync(exporter, null);
        await using var terminal = ChangeHosts.Create(Terminal, "till-1", o => o.Tables.Add(ChangeHosts.Items()));
        await ChangeHosts.ImportAllAsync(terminal.GetRequiredService<IChangeImporter>(), batches);

        Assert.Equal(8, batches.Count);
        Assert.All(batches, b => Assert.InRange(b.Changes.Count, 1, 7));
        Assert.Equal(ChangeHosts.Dump(BackOffice, "items"), ChangeHosts.Dump(Terminal, "items"));
        Assert.Equal(batches[^1].Checkpoint, await terminal.GetRequiredService<IChangeImporter>().GetCheckpointAsync("folder-1", CancellationToken.None));
    }

    [Fact]
    public async Task Export_ConcurrentWriter_NoCommittedRowIsEverSkipped()
    {
        // Each export catches up (large batches) and reads for a while (large rows), while the writer commits one row
        // at a time: a high-water mark read outside the export's snapshot would take in rows it did not send.
        await using var backOffice = ChangeHosts.Create(BackOffice, null, o => { o.Tables.Add(ChangeHosts.Items()); o.MaxBatchRows = 100_000; o.MaxBatchBytes = 1L << 30; });
        await using var terminal = ChangeHosts.Create(Terminal, "till-1", o => o.Tables.Add(ChangeHosts.Items()));
        var exporter = backOffice.GetRequiredService<IChangeExporter>();
        var importer = terminal.GetRequiredService<IChangeImporter>();
        await exporter.ExportAsync("folder-1", null, 0, CancellationToken.None);
        var padding = new string('x', 4000);

        var writer = Task.Run(() =>
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = BackOffice, DefaultTimeout = 30 }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous = NORMAL;";
            command.ExecuteNonQuery();
            command.CommandText = "INSERT INTO items (id, organization, name) VALUES ($id, 'folder-1', $name); UPDATE items SET price = $id WHERE id = $id / 2;";
            var id = command.Parameters.Add("$id", SqliteType.Integer);
            var name = command.Parameters.Add("$name", SqliteType.Text);
            for (var i = 1; i <= 2000; i++)
            {
                id.Value = i;
                name.Value = padding + i;
                command.ExecuteNonQuery();
            }
        });

        long checkpoint = 0;
        var exports = 0;
        while (!writer.IsCompleted)
        {
            var batch = await exporter.ExportAsync("folder-1", "till-1", checkpoint, CancellationToken.None);
            await importer.ImportAsync(batch, CancellationToken.None);
            checkpoint = batch.Checkpoint;
            exports++;
        }

        await writer;
        await ChangeHosts.ImportAllAsync(importer, await ChangeHosts.ExportAllAsync(exporter, "till-1", checkpoint));

        Assert.True(exports > 3, $"{exports} exports during the writes");
        Assert.Equal(2000L, SqliteFile.Scalar(Terminal, "SELECT count(*) FROM items;"));
        Assert.Equal(ChangeHosts.Dump(BackOffice, "items"), ChangeHosts.Dump(Terminal, "items"));
    }

    [Fact]
    public async Task Import_SameBatchTwice_SecondWritesNothing()
    {
        await using var backOffice = ChangeHosts.Create(BackOffice, null);
        await using var terminal = ChangeHosts.Create(Terminal, "till-1");
        var exporter = backOffice.GetRequiredService<IChangeExporter>();
        var importer = terminal.GetRequiredService<IChangeImporter>();
        await exporter.ExportAsync("folder-1", null, 0, CancellationToken.None);
        SqliteFile.Execute(BackOffice, "INSERT INTO items (id, organization, name) VALUES (1, 'folder-1', 'Espresso');");
        var batch = await exporter.ExportAsync("folder-1", "till-1", 0, CancellationToken.None);
        await importer.ImportAsync(batch, CancellationToken.None);
        SqliteFile.Execute(Terminal, "UPDATE items SET name = 'changed here' WHERE id = 1;");

        var again = await importer.ImportAsync(batch, CancellationToken.None);

        Assert.True(again.AlreadyImported);
        Assert.Equal("changed here", SqliteFile.Scalar(Terminal, "SELECT name FROM items WHERE id = 1;"));
    }

    [Fact]
    public async Task Import_DeletedOnBackOffice_DeletedOnTerminal()
    {
        await using var backOffice = ChangeHosts.Create(BackOffice, null);
        await using var terminal = ChangeHosts.Create(Terminal, "till-1");
        var exporter = backOffice.GetRequiredService<IChangeExporter>();
        var importer = terminal.GetRequiredService<IChangeImporter>();
        await exporter.ExportAsync("folder-1", null, 0, CancellationToken.None);
        SqliteFile.Execute(BackOffice, "INSERT INTO items (id, organization, name) VALUES (1, 'folder-1', 'Espresso'), (2, 'folder-1', 'Latte');");
        var first = await ChangeHosts.ExportAllAsync(exporter, "till-1");
        await ChangeHosts.ImportAllAsync(importer, first);

        SqliteFile.Execute(BackOffice, "DELETE FROM items WHERE id = 1;");
        await ChangeHosts.ImportAllAsync(importer, await ChangeHosts.ExportAllAsync(exporter, "till-1", first[^1].Checkpoint));

        Assert.Equal("2|folder-1|Latte|NULL|NULL", ChangeHosts.Dump(Terminal, "items"));
    }

    [Fact]
    public async Task Import_UsersOfOtherTills_RemovedAndBackOfficeListsWhoHoldsWhich()
    {
        await using var backOffice = ChangeHosts.Create(BackOffice, null);
        await using var terminal = ChangeHosts.Create(Terminal, "till-1");
        var exporter = backOffice.GetRequiredService<IChangeExporter>();
        await exporter.ExportAsync("folder-1", null, 0, CancellationToken.None);
        SqliteFile.Execute(BackOffice, "INSERT INTO users VALUES ('anne', 'folder-1', 'Anne', 'till-1'), ('bruno', 'folder-1', 'Bruno', 'till-2'), ('chloe', 'folder-1', 'Chloé', NULL);");
        // The till was installed with every account of the folder (seed 003).
        SqliteFile.Execute(Terminal, "INSERT INTO users VALUES ('bruno', 'folder-1', 'Bruno', 'till-2'), ('denis', 'folder-1', 'Denis', 'till-3');");

        var batches = await ChangeHosts.ExportAllAsync(exporter, "till-1");
        await ChangeHosts.ImportAllAsync(terminal.GetRequiredService<IChangeImporter>(), batches);
        var assignments = await exporter.ListAssignmentsAsync("folder-1", CancellationToken.None);

        Assert.Equal("anne|folder-1|Anne|till-1", ChangeHosts.Dump(Terminal, "users"));
        Assert.DoesNotContain(batches.SelectMany(b => b.Changes), c => !c.Deleted && c.Values["id"].GetString() != "anne");
        Assert.Equal(["till-1:anne", "till-2:bruno"], assignments.Select(a => $"{a.TerminalId}:{a.Key["id"].GetString()}"));
    }

    [Fact]
    public async Task Import_UserReassignedToAnotherTill_RemovedFromTheFirst()
    {
        await using var backOffice = ChangeHosts.Create(BackOffice, null);
        await using var terminal = ChangeHosts.Create(Terminal, "till-1");
        var exporter = backOffice.GetRequiredService<IChangeExporter>();
        var importer = terminal.GetRequiredService<IChangeImporter>();
        await exporter.ExportAsync("folder-1", null, 0, CancellationToken.None);
        SqliteFile.Execute(BackOffice, "INSERT INTO users VALUES ('anne', 'folder-1', 'Anne', 'till-1');");
        var first = await ChangeHosts.ExportAllAsync(exporter, "till-1");
        await ChangeHosts.ImportAllAsync(importer, first);
        Assert.Equal(1L, SqliteFile.Scalar(Terminal, "SELECT count(*) FROM users;"));

        SqliteFile.Execute(BackOffice, "UPDATE users SET terminal_id = 'till-2' WHERE id = 'anne';");
        var second = await ChangeHosts.ExportAllAsync(exporter, "till-1", first[^1].Checkpoint);
        await ChangeHosts.ImportAllAsync(importer, second);

        Assert.True(Assert.Single(second.SelectMany(b => b.Changes)).Deleted);
        Assert.Equal(0L, SqliteFile.Scalar(Terminal, "SELECT count(*) FROM users;"));
    }
}
