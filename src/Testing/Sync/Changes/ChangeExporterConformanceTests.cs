using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Sync.Changes;
using Xunit;

namespace PosFleet.Testing.Sync.Changes;

/// <summary>
/// What every back office's change tracking must do, whatever database keeps the host's tables (SQLite, PostgreSQL):
/// derive from this class and return, from <see cref="CreateBackOfficeAsync"/>, a back office whose database holds the
/// tables of <see cref="Schema"/> (empty) and whose tracking is installed. The host writes with plain SQL on its own
/// connections (<see cref="OpenAsync"/>); the suite reads only through <see cref="IChangeExporter"/> and
/// <see cref="IChangeRetention"/>, so that every change written is exported, once, in order, and none is ever skipped.
/// </summary>
public abstract partial class ChangeExporterConformanceTests
{
    /// <summary>The organization most rows belong to.</summary>
    protected const string Organization = "folder-1";

    /// <summary>The host's tables, in SQL both SQLite and PostgreSQL accept; a connector may create a superset.</summary>
    protected static string Schema => """
        CREATE TABLE items (id INTEGER PRIMARY KEY, organization TEXT NOT NULL, name TEXT NOT NULL, price DOUBLE PRECISION);
        CREATE TABLE users (id TEXT PRIMARY KEY, organization TEXT NOT NULL, name TEXT NOT NULL, terminal_id TEXT);
        """;

    /// <summary>A new back office, its tables created, the declarations of <paramref name="configure"/> applied and tracked.</summary>
    /// <param name="configure">Declares the tables (<see cref="Items"/>, <see cref="Users"/>) and batch sizes.</param>
    /// <returns>The back office's services.</returns>
    protected abstract Task<IServiceProvider> CreateBackOfficeAsync(Action<SyncTablesOptions> configure);

    /// <summary>A new, open connection to the database of <paramref name="backOffice"/>, as the host writes with.</summary>
    /// <param name="backOffice">A back office from <see cref="CreateBackOfficeAsync"/>.</param>
    /// <returns>The connection; the caller disposes it.</returns>
    protected abstract Task<DbConnection> OpenAsync(IServiceProvider backOffice);

    /// <summary>Whether a second writer waits for the first one's commit (SQLite) rather than writing beside it (a server).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    protected virtual bool WritersWaitForEachOther => false;

    /// <summary>The items table, every row for every terminal of its organization.</summary>
    /// <returns>The declaration.</returns>
    protected static SyncTable Items() => new() { Name = "items", KeyColumns = ["id"], Columns = ["name", "price"], OrganizationColumn = "organization" };

    /// <summary>The users table, each row assigned to one terminal.</summary>
    /// <returns>The declaration.</returns>
    protected static SyncTable Users() => new() { Name = "users", KeyColumns = ["id"], Columns = ["name"], OrganizationColumn = "organization", TerminalColumn = "terminal_id" };

    /// <summary>Runs SQL on a connection of its own (one transaction per statement).</summary>
    /// <param name="backOffice">The back office.</param>
    /// <param name="sql">The SQL.</param>
    /// <returns>A task.</returns>
    protected async Task ExecuteAsync(IServiceProvider backOffice, string sql)
    {
        await using var connection = await OpenAsync(backOffice);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every batch from <paramref name="checkpoint"/> until the export is caught up.</summary>
    /// <param name="exporter">The exporter.</param>
    /// <param name="terminalId">The terminal, or <see langword="null"/> for every row.</param>
    /// <param name="checkpoint">Where to start.</param>
    /// <param name="organization">The organization.</param>
    /// <returns>The batches, in order.</returns>
    protected static async Task<List<ChangeBatch>> ExportAllAsync(IChangeExporter exporter, string? terminalId, long checkpoint, string organization = Organization)
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

    private async Task<(IServiceProvider BackOffice, IChangeExporter Exporter)> CreateAsync(Action<SyncTablesOptions>? configure = null)
    {
        var backOffice = await CreateBackOfficeAsync(configure ?? (o =>
        {
            o.Tables.Add(Items());
            o.Tables.Add(Users());
        }));
        return (backOffice, backOffice.GetRequiredService<IChangeExporter>());
    }

    private static async Task<long> CatchUpAsync(IChangeExporter exporter, long checkpoint = 0) =>
        (await ExportAllAsync(exporter, null, checkpoint))[^1].Checkpoint;

    private static string InsertItems(int from, int to, Func<int, string> name) =>
        "INSERT INTO items (id, organization, name) VALUES "
        + string.Join(", ", Enumerable.Range(from, to - from + 1).Select(i => string.Create(CultureInfo.InvariantCulture, $"({i}, '{Organization}', '{name(i)}')")));

    private static long Id(RowChange change) => change.Values["id"].GetInt64();

    /// <summary>An insert, an update and a delete each come with a higher version; the delete carries only the key.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ExportAsync_InsertUpdateDelete_EachHasAHigherVersionAndTheDeleteIsARemoval()
    {
        var (backOffice, exporter) = await CreateAsync();
        var start = await CatchUpAsync(exporter);

        await ExecuteAsync(backOffice, "INSERT INTO items (id, organization, name) VALUES (1, 'folder-1', 'Espresso')");
        var insert = await exporter.ExportAsync(Organization, null, start, CancellationToken.None);
        await ExecuteAsync(backOffice, "UPDATE items SET price = 1.5 WHERE id = 1");
        var update = await exporter.ExportAsync(Organization, null, insert.Checkpoint, CancellationToken.None);
        await ExecuteAsync(backOffice, "DELETE FROM items WHERE id = 1");
        var delete = await exporter.ExportAsync(Organization, null, update.Checkpoint, CancellationToken.None);

        var (inserted, updated, deleted) = (Assert.Single(insert.Changes), Assert.Single(update.Changes), Assert.Single(delete.Changes));
        Assert.True(inserted.Version < updated.Version && updated.Version < deleted.Version, $"{inserted.Version} < {updated.Version} < {deleted.Version}");
        Assert.Equal(("Espresso", false), (inserted.Values["name"].GetString(), inserted.Deleted));
        Assert.Equal(1.5, updated.Values["price"].GetDouble());
        Assert.True(deleted.Deleted);
        Assert.Equal(["id"], deleted.Values.Keys);
        Assert.Equal(1L, Id(deleted));
        Assert.True(delete.Checkpoint >= deleted.Version);
    }

    /// <summary>A row moved to another organization leaves the first as a removal and arrives in the second.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ExportAsync_RowMovedToAnotherOrganization_OldOrganizationGetsARemoval()
    {
        var (backOffice, exporter) = await CreateAsync();
        await ExecuteAsync(backOffice, "INSERT INTO items (id, organization, name) VALUES (1, 'folder-1', 'Espresso')");
        var before = await CatchUpAsync(exporter);

        await ExecuteAsync(backOffice, "UPDATE items SET organization = 'folder-2' WHERE id = 1");

        Assert.True(Assert.Single((await exporter.ExportAsync(Organization, null, before, CancellationToken.None)).Changes).Deleted);
        Assert.False(Assert.Single((await exporter.ExportAsync("folder-2", null, 0, CancellationToken.None)).Changes).Deleted);
    }

    /// <summary>More rows than a batch holds come in bounded batches, each row once, each batch starting where the last ended.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ExportAsync_MoreRowsThanABatch_BoundedBatchesCarryEveryRowOnce()
    {
        var (backOffice, exporter) = await CreateAsync(o => { o.Tables.Add(Items()); o.MaxBatchRows = 7; });
        var start = await CatchUpAsync(exporter);
        await ExecuteAsync(backOffice, InsertItems(1, 50, i => "Item " + i));

        var batches = await ExportAllAsync(exporter, null, start);
        var rest = await exporter.ExportAsync(Organization, null, batches[^1].Checkpoint, CancellationToken.None);

        Assert.Equal(8, batches.Count);
        Assert.All(batches, b => Assert.InRange(b.Changes.Count, 1, 7));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), batches.SelectMany(b => b.Changes).Select(Id).Order());
        Assert.All(batches.Skip(1).Zip(batches), p => Assert.Equal(p.Second.Checkpoint, p.First.FromCheckpoint));
        Assert.All(batches.SelectMany(b => b.Changes.Select(c => (c.Version, b.FromCheckpoint, b.Checkpoint))), v => Assert.InRange(v.Version, v.FromCheckpoint + 1, v.Checkpoint));
        Assert.Empty(rest.Changes);
        Assert.False(rest.HasMore);
    }

    /// <summary>A batch is bounded in bytes too: large rows are split across batches.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ExportAsync_BatchBoundedInBytes_LargeRowsSplitAcrossBatches()
    {
        var (backOffice, exporter) = await CreateAsync(o => { o.Tables.Add(Items()); o.MaxBatchBytes = 4096; });
        var start = await CatchUpAsync(exporter);
        await ExecuteAsync(backOffice, InsertItems(1, 10, _ => new string('x', 2000)));

        var batches = await ExportAllAsync(exporter, null, start);

        Assert.Equal(10, batches.Sum(b => b.Changes.Count));
        Assert.All(batches, b => Assert.InRange(b.Changes.Count, 0, 2));
    }

    /// <summary>Another organization's rows are never exported.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ExportAsync_OtherOrganization_NeverIncluded()
    {
        var (backOffice, exporter) = await CreateAsync();
        await ExecuteAsync(backOffice, "INSERT INTO items (id, organization, name) VALUES (1, 'folder-1', 'Mine'), (2, 'folder-2', 'Theirs')");

        var changes = (await ExportAllAsync(exporter, "till-1", 0)).SelectMany(b => b.Changes).ToList();

        Assert.Equal(1L, Id(Assert.Single(changes)));
    }

    /// <summary>Rows assigned to other terminals, or to none, go to a terminal as removals; the assignments say who holds which.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ExportAsync_RowsOfOtherTerminals_ComeAsRemovalsAndAssignmentsListWhoHoldsWhich()
    {
        var (backOffice, exporter) = await CreateAsync();
        await ExecuteAsync(backOffice, "INSERT INTO users (id, organization, name, terminal_id) VALUES ('anne', 'folder-1', 'Anne', 'till-1'), ('bruno', 'folder-1', 'Bruno', 'till-2'), ('chloe', 'folder-1', 'Chloé', NULL)");

        var forTill = (await ExportAllAsync(exporter, "till-1", 0)).SelectMany(b => b.Changes).ToList();
        var forAll = (await ExportAllAsync(exporter, null, 0)).SelectMany(b => b.Changes).ToList();
        var assignments = await exporter.ListAssignmentsAsync(Organization, CancellationToken.None);

        Assert.Equal(["anne:live", "bruno:removed", "chloe:removed"], forTill.Select(c => $"{c.Values["id"].GetString()}:{(c.Deleted ? "removed" : "live")}").Order(StringComparer.Ordinal));
        Assert.Equal(["Anne"], forTill.Where(c => !c.Deleted).Select(c => c.Values["name"].GetString()));
        Assert.Equal(3, forAll.Count(c => !c.Deleted));
        Assert.Equal("Chloé", forAll.Single(c => c.Values["id"].GetString() == "chloe").Values["name"].GetString());
        Assert.Equal(["till-1:anne", "till-2:bruno"], assignments.Select(a => $"{a.TerminalId}:{a.Key["id"].GetString()}"));
    }

    /// <summary>A row reassigned to another terminal leaves the first as a removal.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ExportAsync_RowReassignedToAnotherTerminal_ComesAsARemoval()
    {
        var (backOffice, exporter) = await CreateAsync();
        await ExecuteAsync(backOffice, "INSERT INTO users (id, organization, name, terminal_id) VALUES ('anne', 'folder-1', 'Anne', 'till-1')");
        var first = await ExportAllAsync(exporter, "till-1", 0);

        await ExecuteAsync(backOffice, "UPDATE users SET terminal_id = 'till-2' WHERE id = 'anne'");
        var second = await ExportAllAsync(exporter, "till-1", first[^1].Checkpoint);

        Assert.False(Assert.Single(first.SelectMany(b => b.Changes)).Deleted);
        Assert.True(Assert.Single(second.SelectMany(b => b.Changes)).Deleted);
    }

    /// <summary>From a stored checkpoint the export resumes with the later changes only, and gives the same again from it.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ExportAsync_FromAStoredCheckpoint_ResumesWithOnlyTheLaterChanges()
    {
        var (backOffice, exporter) = await CreateAsync();
        await ExecuteAsync(backOffice, "INSERT INTO items (id, organization, name) VALUES (1, 'folder-1', 'Espresso'), (2, 'folder-1', 'Latte')");
        var stored = await CatchUpAsync(exporter);

        await ExecuteAsync(backOffice, "INSERT INTO items (id, organization, name) VALUES (3, 'folder-1', 'Mocha')");
        await ExecuteAsync(backOffice, "UPDATE items SET price = 2.5 WHERE id = 1");
        var resumed = await exporter.ExportAsync(Organization, null, stored, CancellationToken.None);
        var again = await exporter.ExportAsync(Organization, null, stored, CancellationToken.None);
        var after = await exporter.ExportAsync(Organization, null, resumed.Checkpoint, CancellationToken.None);

        Assert.Equal([1L, 3L], resumed.Changes.Select(Id).Order());
        Assert.Equal(2.5, resumed.Changes.Single(c => Id(c) == 1).Values["price"].GetDouble());
        Assert.Equal(resumed.Changes.Select(c => (c.Version, Id(c))), again.Changes.Select(c => (c.Version, Id(c))));
        Assert.Equal(resumed.Checkpoint, again.Checkpoint);
        Assert.True(resumed.Checkpoint > stored);
        Assert.Empty(after.Changes);
    }
}
