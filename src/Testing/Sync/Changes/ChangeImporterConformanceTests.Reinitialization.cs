using Microsoft.Extensions.DependencyInjection;
using PosFleet.Actions.BuiltIn;
using PosFleet.Sync.Changes;
using Xunit;

namespace PosFleet.Testing.Sync.Changes;

/// <summary>Full re-initialisation passes, and the local reset the <c>reset-database</c> action runs.</summary>
public abstract partial class ChangeImporterConformanceTests
{
    private static ChangeBatch Pass(long from, long to, bool hasMore, params RowChange[] changes) =>
        Batch(from, to, changes) with { Reinitialize = true, HasMore = hasMore };

    /// <summary>
    /// A full pass over several batches ends by removing the organization's local rows it did not send; another
    /// organization's rows stay.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ImportAsync_FullPassAcrossBatches_LocalRowsNotSentRemoved()
    {
        var (terminal, importer) = await CreateAsync();
        await ExecuteAsync(terminal, "INSERT INTO items (id, organization, name) VALUES (1, 'folder-1', 'old'), (99, 'folder-1', 'stray'), (50, 'folder-2', 'theirs')");

        var first = await importer.ImportAsync(Pass(0, 5, hasMore: true, Item(4, 1, "Espresso")), CancellationToken.None);
        var afterFirst = await DumpAsync(terminal, "items");
        var last = await importer.ImportAsync(Pass(5, 8, hasMore: false, Item(7, 2, "Latte")), CancellationToken.None);

        Assert.Equal((5L, 8L), (first.Checkpoint, last.Checkpoint));
        Assert.Equal("1|folder-1|Espresso|NULL\n50|folder-2|theirs|NULL\n99|folder-1|stray|NULL", afterFirst);
        Assert.Equal(1, last.Deleted);
        Assert.Equal("1|folder-1|Espresso|NULL\n2|folder-1|Latte|NULL\n50|folder-2|theirs|NULL", await DumpAsync(terminal, "items"));
        Assert.Equal(8L, await importer.GetCheckpointAsync(Organization, CancellationToken.None));
    }

    /// <summary>
    /// A batch marked for re-initialisation that starts from a later checkpoint, outside a pass, applies nothing and
    /// takes the checkpoint back to 0, so the next export is a full pass.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ImportAsync_ReinitializeFromALaterCheckpointOutsideAPass_CheckpointResetAndNothingApplied()
    {
        var (terminal, importer) = await CreateAsync();
        await importer.ImportAsync(Batch(0, 3, Item(3, 1, "Espresso")), CancellationToken.None);

        var result = await importer.ImportAsync(Pass(3, 6, hasMore: false, Item(5, 2, "Latte")), CancellationToken.None);

        Assert.True(result.CheckpointReset);
        Assert.Equal(0L, result.Checkpoint);
        Assert.Equal("1|folder-1|Espresso|NULL", await DumpAsync(terminal, "items"));
        Assert.Equal(0L, await importer.GetCheckpointAsync(Organization, CancellationToken.None));
    }

    /// <summary>
    /// The local reset empties the synced tables and forgets the checkpoint and a pass under way: the next import
    /// starts from checkpoint 0 as a terminal installed anew.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ResetAsync_SyncedRowsAndCheckpoint_AllGoAndTheNextImportStartsFromZero()
    {
        var (terminal, importer) = await CreateAsync();
        var anne = new RowChange { Table = "users", Version = 3, Values = Row("""{"id": "anne", "organization": "folder-1", "name": "Anne", "terminal_id": "till-1"}""") };
        await importer.ImportAsync(Batch(0, 4, Item(1, 1, "Espresso"), Item(2, 2, "Latte"), anne), CancellationToken.None);
        // A full pass left half-way: its cursor must not survive the reset.
        await importer.ImportAsync(Pass(0, 6, hasMore: true, Item(5, 3, "Mocha")), CancellationToken.None);

        var deleted = await terminal.GetRequiredService<ILocalDatabaseReset>().ResetAsync(CancellationToken.None);
        var emptied = await DumpAsync(terminal, "items") + await DumpAsync(terminal, "users");
        var checkpoint = await importer.GetCheckpointAsync(Organization, CancellationToken.None);
        var next = await importer.ImportAsync(Batch(0, 2, Item(2, 5, "Tea")), CancellationToken.None);

        Assert.Equal(4L, deleted);
        Assert.Equal("", emptied);
        Assert.Equal(0L, checkpoint);
        Assert.False(next.CheckpointReset);
        Assert.Equal((1, 2L), (next.Written, next.Checkpoint));
        Assert.Equal("5|folder-1|Tea|NULL", await DumpAsync(terminal, "items"));
    }
}
