using System.Globalization;
using PosFleet.Sync.Changes;
using Xunit;

namespace PosFleet.Testing.Sync.Changes;

/// <summary>Writers that commit while the back office exports: no committed change is skipped, none is sent twice.</summary>
public abstract partial class ChangeExporterConformanceTests
{
    /// <summary>
    /// T1 begins and writes; T2 writes and commits (on a server, while T1 is open); an export runs; T1 commits; the next
    /// export, from the first one's checkpoint, carries T1's change. A position taken at write time would have let the
    /// first export move the checkpoint past T1's change.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ExportAsync_TransactionCommittingAfterALaterOne_ItsChangeExportedOnceNeverSkipped()
    {
        var (backOffice, exporter) = await CreateAsync();
        var start = await CatchUpAsync(exporter);
        await using var first = await OpenAsync(backOffice);
        await using var t1 = await first.BeginTransactionAsync();
        await using (var insert = first.CreateCommand())
        {
            insert.Transaction = t1;
            insert.CommandText = "INSERT INTO items (id, organization, name) VALUES (1, 'folder-1', 'Written first, committed last')";
            await insert.ExecuteNonQueryAsync();
        }

        var t2 = Task.Run(() => ExecuteAsync(backOffice, "INSERT INTO items (id, organization, name) VALUES (2, 'folder-1', 'Written second, committed first')"));
        if (!WritersWaitForEachOther)
        {
            await t2;
        }

        var before = await ExportAllAsync(exporter, null, start);
        await t1.CommitAsync();
        await t2;
        var after = await ExportAllAsync(exporter, null, before[^1].Checkpoint);
        var rest = await exporter.ExportAsync(Organization, null, after[^1].Checkpoint, CancellationToken.None);

        var exported = before.Concat(after).SelectMany(b => b.Changes).Select(Id).ToList();
        Assert.DoesNotContain(1L, before.SelectMany(b => b.Changes).Select(Id));
        Assert.Equal([1L, 2L], exported.Order());
        Assert.Empty(rest.Changes);
    }

    /// <summary>While a writer commits one row at a time, a terminal that exports in a loop from its checkpoint gets every row.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ExportAsync_ConcurrentWriter_NoCommittedRowIsEverSkipped()
    {
        var (backOffice, exporter) = await CreateAsync(o => { o.Tables.Add(Items()); o.MaxBatchRows = 50; });
        var start = await CatchUpAsync(exporter);
        const int Rows = 300;
        var writer = Task.Run(async () =>
        {
            await using var connection = await OpenAsync(backOffice);
            await using var command = connection.CreateCommand();
            for (var i = 1; i <= Rows; i++)
            {
                command.CommandText = string.Create(CultureInfo.InvariantCulture, $"INSERT INTO items (id, organization, name) VALUES ({i}, 'folder-1', 'Item {i}')");
                await command.ExecuteNonQueryAsync();
            }
        });

        var seen = new HashSet<long>();
        var checkpoint = start;
        var exports = 0;
        while (!writer.IsCompleted)
        {
            var batch = await exporter.ExportAsync(Organization, null, checkpoint, CancellationToken.None);
            Assert.All(batch.Changes, c => Assert.True(seen.Add(Id(c)), $"row {Id(c)} exported twice"));
            checkpoint = batch.Checkpoint;
            exports++;
        }

        await writer;
        foreach (var batch in await ExportAllAsync(exporter, null, checkpoint))
        {
            Assert.All(batch.Changes, c => Assert.True(seen.Add(Id(c)), $"row {Id(c)} exported twice"));
        }

        Assert.True(exports > 1, $"{exports} exports during the writes");
        Assert.Equal(Enumerable.Range(1, Rows).Select(i => (long)i), seen.Order());
    }
}
