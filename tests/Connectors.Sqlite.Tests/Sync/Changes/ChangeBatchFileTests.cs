using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.Sqlite.Tests.Sync.Changes;

/// <summary>Change batches carried in a file to a till with no network.</summary>
public sealed class ChangeBatchFileTests : IDisposable
{
    /// <summary>These tests are about the batches, not the signature (the CLI tests sign and tamper): unsigned files are allowed.</summary>
    private static readonly ChangeFileOptions Unsigned = new() { AllowUnsigned = true };

    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task ImportAsync_FileExportedForTheTill_TerminalEqualsBackOfficeAndSecondImportChangesNothing()
    {
        var backOfficeDb = Path.Combine(_dir.Path, "backoffice.db");
        var terminalDb = Path.Combine(_dir.Path, "till-1.db");
        var file = Path.Combine(_dir.Path, "usb", "changes.gz");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await using var backOffice = ChangeHosts.Create(backOfficeDb, null, o => { o.Tables.Add(ChangeHosts.Items()); o.MaxBatchRows = 10; });
        var exporter = backOffice.GetRequiredService<IChangeExporter>();
        await exporter.ExportAsync("folder-1", null, 0, CancellationToken.None);
        SqliteFile.Execute(backOfficeDb, """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 95)
            INSERT INTO items (id, organization, name, price) SELECT i, 'folder-1', 'Café ' || i, i / 3.0 FROM n;
            DELETE FROM items WHERE id % 9 = 0;
            """);

        var written = await ChangeBatchFile.ExportAsync(exporter, file, "folder-1", "till-1", 0, new ChangeFileOptions());
        await using var terminal = ChangeHosts.Create(terminalDb, "till-1", o => o.Tables.Add(ChangeHosts.Items()));
        var importer = terminal.GetRequiredService<IChangeImporter>();
        var read = await ChangeBatchFile.ImportAsync(importer, file, Unsigned);
        var hash = ChangeHosts.Dump(terminalDb, "items");
        var again = await ChangeBatchFile.ImportAsync(importer, file, Unsigned);

        Assert.Equal(written, read);
        Assert.Equal(10, written.Batches);
        Assert.Equal(ChangeHosts.Dump(backOfficeDb, "items"), hash);
        Assert.Equal(hash, ChangeHosts.Dump(terminalDb, "items"));
        Assert.Equal(written.Checkpoint, again.Checkpoint);
        Assert.False(File.Exists(file + ".partial"));
    }

    [Fact]
    public async Task ImportAsync_FileCutShort_ThrowsSayingToCopyAgain()
    {
        var backOfficeDb = Path.Combine(_dir.Path, "backoffice.db");
        var file = Path.Combine(_dir.Path, "changes.gz");
        await using var backOffice = ChangeHosts.Create(backOfficeDb, null, o => o.Tables.Add(ChangeHosts.Items()));
        var exporter = backOffice.GetRequiredService<IChangeExporter>();
        await exporter.ExportAsync("folder-1", null, 0, CancellationToken.None);
        SqliteFile.Execute(backOfficeDb, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) INSERT INTO items (id, organization, name) SELECT i, 'folder-1', hex(randomblob(40)) FROM n;");
        await ChangeBatchFile.ExportAsync(exporter, file, "folder-1", "till-1", 0, new ChangeFileOptions());
        var bytes = await File.ReadAllBytesAsync(file);
        await File.WriteAllBytesAsync(file, bytes[..(bytes.Length / 2)]);
        await using var terminal = ChangeHosts.Create(Path.Combine(_dir.Path, "till-1.db"), "till-1", o => o.Tables.Add(ChangeHosts.Items()));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ChangeBatchFile.ImportAsync(terminal.GetRequiredService<IChangeImporter>(), file, Unsigned));

        Assert.IsType<InvalidDataException>(error);
    }
}
