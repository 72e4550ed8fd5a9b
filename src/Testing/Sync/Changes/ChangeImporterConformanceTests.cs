using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Actions.BuiltIn;
using PosFleet.Sync.Changes;
using Xunit;

namespace PosFleet.Testing.Sync.Changes;

/// <summary>
/// What every terminal's change import and local reset must do, whatever database keeps the host's tables (SQLite,
/// PostgreSQL): derive from this class and return, from <see cref="CreateTerminalAsync"/>, terminal <c>till-1</c> of
/// organization <c>folder-1</c> whose database holds the tables of <see cref="Schema"/> (empty). The suite imports
/// batches through <see cref="IChangeImporter"/>, resets through <see cref="ILocalDatabaseReset"/>, and reads and writes
/// the host's tables with plain SQL on its own connections (<see cref="OpenAsync"/>).
/// </summary>
public abstract partial class ChangeImporterConformanceTests
{
    /// <summary>The terminal's organization.</summary>
    protected const string Organization = "folder-1";

    /// <summary>The terminal.</summary>
    protected const string TerminalId = "till-1";

    /// <summary>The host's tables, in SQL both SQLite and PostgreSQL accept; a connector may create a superset.</summary>
    protected static string Schema => """
        CREATE TABLE items (id INTEGER PRIMARY KEY, organization TEXT NOT NULL, name TEXT NOT NULL, price DOUBLE PRECISION);
        CREATE TABLE users (id TEXT PRIMARY KEY, organization TEXT NOT NULL, name TEXT NOT NULL, terminal_id TEXT);
        CREATE TABLE tickets (id TEXT PRIMARY KEY, organization TEXT NOT NULL, total DOUBLE PRECISION NOT NULL);
        """;

    /// <summary>A new terminal, its tables created, the declarations of <paramref name="configure"/> applied.</summary>
    /// <param name="configure">Declares the tables (<see cref="Items"/>, <see cref="Users"/>, <see cref="Tickets"/>).</param>
    /// <returns>The terminal's services.</returns>
    protected abstract Task<IServiceProvider> CreateTerminalAsync(Action<SyncTablesOptions> configure);

    /// <summary>A new, open connection to the database of <paramref name="terminal"/>.</summary>
    /// <param name="terminal">A terminal from <see cref="CreateTerminalAsync"/>.</param>
    /// <returns>The connection; the caller disposes it.</returns>
    protected abstract Task<DbConnection> OpenAsync(IServiceProvider terminal);

    /// <summary>The items table, every row for every terminal of its organization.</summary>
    /// <param name="policy">What the import does with a row the terminal holds.</param>
    /// <param name="resolver">The resolver of <see cref="SyncConflictPolicy.Custom"/>.</param>
    /// <returns>The declaration.</returns>
    protected static SyncTable Items(SyncConflictPolicy policy = SyncConflictPolicy.ServerWins, ISyncConflictResolver? resolver = null) => new()
    {
        Name = "items", KeyColumns = ["id"], Columns = ["name", "price"], OrganizationColumn = "organization", ConflictPolicy = policy, Resolver = resolver,
    };

    /// <summary>The users table, each row assigned to one terminal.</summary>
    /// <returns>The declaration.</returns>
    protected static SyncTable Users() => new() { Name = "users", KeyColumns = ["id"], Columns = ["name"], OrganizationColumn = "organization", TerminalColumn = "terminal_id" };

    /// <summary>The tickets table, appended to only.</summary>
    /// <returns>The declaration.</returns>
    protected static SyncTable Tickets() => new() { Name = "tickets", KeyColumns = ["id"], Columns = ["total"], OrganizationColumn = "organization", ConflictPolicy = SyncConflictPolicy.AppendOnly };

    /// <summary>Runs SQL on a connection of its own.</summary>
    /// <param name="terminal">The terminal.</param>
    /// <param name="sql">The SQL.</param>
    /// <returns>A task.</returns>
    protected async Task ExecuteAsync(IServiceProvider terminal, string sql)
    {
        await using var connection = await OpenAsync(terminal);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The rows of a table as text (<c>|</c> between columns, one line per row), in key order.</summary>
    /// <param name="terminal">The terminal.</param>
    /// <param name="table">The table.</param>
    /// <returns>The rows.</returns>
    protected async Task<string> DumpAsync(IServiceProvider terminal, string table)
    {
        await using var connection = await OpenAsync(terminal);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table} ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return string.Join('\n', rows);
    }

    private static Dictionary<string, JsonElement> Row(string json) =>
        JsonElement.Parse(json).EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);

    private static RowChange Item(long version, int id, string name, double? price = null) => new()
    {
        Table = "items", Version = version,
        Values = Row(string.Create(CultureInfo.InvariantCulture, $$"""{"id": {{id}}, "organization": "folder-1", "name": "{{name}}", "price": {{(price is null ? "null" : price.Value.ToString(CultureInfo.InvariantCulture))}}}""")),
    };

    private static RowChange Removal(string table, long version, string key) => new() { Table = table, Version = version, Deleted = true, Values = Row($$"""{"id": {{key}}}""") };

    private static ChangeBatch Batch(long from, long to, params RowChange[] changes) => new() { Organization = Organization, FromCheckpoint = from, Checkpoint = to, Changes = changes };

    private async Task<(IServiceProvider Terminal, IChangeImporter Importer)> CreateAsync(Action<SyncTablesOptions>? configure = null)
    {
        var terminal = await CreateTerminalAsync(configure ?? (o =>
        {
            o.Tables.Add(Items());
            o.Tables.Add(Users());
            o.Tables.Add(Tickets());
        }));
        return (terminal, terminal.GetRequiredService<IChangeImporter>());
    }

    /// <summary>New rows are written, and the batch's checkpoint is kept.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ImportAsync_NewRows_WrittenAndTheCheckpointKept()
    {
        var (terminal, importer) = await CreateAsync();

        var result = await importer.ImportAsync(Batch(0, 2, Item(1, 1, "Espresso", 1.5), Item(2, 2, "Latte")), CancellationToken.None);

        Assert.Equal((2, 2L), (result.Written, result.Checkpoint));
        Assert.Equal("1|folder-1|Espresso|1.5\n2|folder-1|Latte|NULL", await DumpAsync(terminal, "items"));
        Assert.Equal(2L, await importer.GetCheckpointAsync(Organization, CancellationToken.None));
    }

    /// <summary>A batch imported again writes nothing: a row changed locally since stays as it is.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ImportAsync_SameBatchTwice_SecondWritesNothing()
    {
        var (terminal, importer) = await CreateAsync();
        var batch = Batch(0, 1, Item(1, 1, "Espresso"));
        await importer.ImportAsync(batch, CancellationToken.None);
        await ExecuteAsync(terminal, "UPDATE items SET name = 'changed here' WHERE id = 1");

        var again = await importer.ImportAsync(batch, CancellationToken.None);

        Assert.True(again.AlreadyImported);
        Assert.Equal("1|folder-1|changed here|NULL", await DumpAsync(terminal, "items"));
    }

    /// <summary>A batch that starts after the terminal's checkpoint is refused, naming the checkpoint, and writes nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ImportAsync_BatchStartingAfterTheCheckpoint_RefusedAndNothingWritten()
    {
        var (terminal, importer) = await CreateAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => importer.ImportAsync(Batch(10, 12, Item(11, 1, "x")), CancellationToken.None).AsTask());

        Assert.Contains("checkpoint 0", error.Message, StringComparison.Ordinal);
        Assert.Equal("", await DumpAsync(terminal, "items"));
    }

    /// <summary>A batch holding a table the terminal does not declare is refused whole: none of its rows, no checkpoint.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ImportAsync_UndeclaredTableInBatch_RefusedAndNothingWritten()
    {
        var (terminal, importer) = await CreateAsync();
        var batch = Batch(0, 2, Item(1, 1, "x"), new RowChange { Table = "items\"; DROP TABLE items; --", Version = 2, Values = Row("""{"id": 1}""") });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => importer.ImportAsync(batch, CancellationToken.None).AsTask());

        Assert.Contains("AddSyncTables", error.Message, StringComparison.Ordinal);
        Assert.Equal("", await DumpAsync(terminal, "items"));
        Assert.Equal(0L, await importer.GetCheckpointAsync(Organization, CancellationToken.None));
    }

    /// <summary>A batch of another organization is refused, naming the terminal's.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ImportAsync_BatchOfAnotherOrganization_Refused()
    {
        var (_, importer) = await CreateAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => importer.ImportAsync(new ChangeBatch { Organization = "folder-2", Checkpoint = 1 }, CancellationToken.None).AsTask());

        Assert.Contains(Organization, error.Message, StringComparison.Ordinal);
    }

    /// <summary>A removal deletes the row; the other rows stay.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ImportAsync_Removal_DeletesTheRow()
    {
        var (terminal, importer) = await CreateAsync();
        await importer.ImportAsync(Batch(0, 2, Item(1, 1, "Espresso"), Item(2, 2, "Latte")), CancellationToken.None);

        var result = await importer.ImportAsync(Batch(2, 3, Removal("items", 3, "1")), CancellationToken.None);

        Assert.Equal(1, result.Deleted);
        Assert.Equal("2|folder-1|Latte|NULL", await DumpAsync(terminal, "items"));
    }

    /// <summary>Only the rows assigned to this terminal are kept: those of other terminals, or of none, go.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ImportAsync_RowsOfOtherTerminals_Removed()
    {
        var (terminal, importer) = await CreateAsync();
        // The till was installed with every account of the folder.
        await ExecuteAsync(terminal, "INSERT INTO users (id, organization, name, terminal_id) VALUES ('bruno', 'folder-1', 'Bruno', 'till-2'), ('denis', 'folder-1', 'Denis', NULL)");
        var anne = new RowChange { Table = "users", Version = 1, Values = Row("""{"id": "anne", "organization": "folder-1", "name": "Anne", "terminal_id": "till-1"}""") };

        await importer.ImportAsync(Batch(0, 1, anne), CancellationToken.None);

        Assert.Equal("anne|folder-1|Anne|till-1", await DumpAsync(terminal, "users"));
    }

    /// <summary>The table's conflict policy decides what an update and a removal do to a row the terminal holds.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="afterUpdate">The row after the update.</param>
    /// <param name="afterRemoval">The rows after the removal.</param>
    /// <returns>A task.</returns>
    [Theory]
    [InlineData(SyncConflictPolicy.ServerWins, "1|folder-1|from back office|2.5", "")]
    [InlineData(SyncConflictPolicy.ClientWins, "1|folder-1|local|1", "1|folder-1|local|1")]
    [InlineData(SyncConflictPolicy.AppendOnly, "1|folder-1|local|1", "")]
    public async Task ImportAsync_RowHeldLocally_PolicyDecidesUpdateAndRemoval(SyncConflictPolicy policy, string afterUpdate, string afterRemoval)
    {
        var (terminal, importer) = await CreateAsync(o => o.Tables.Add(Items(policy)));
        await ExecuteAsync(terminal, "INSERT INTO items (id, organization, name, price) VALUES (1, 'folder-1', 'local', 1)");

        await importer.ImportAsync(Batch(0, 1, Item(1, 1, "from back office", 2.5)), CancellationToken.None);
        var updated = await DumpAsync(terminal, "items");
        await importer.ImportAsync(Batch(1, 2, Removal("items", 2, "1")), CancellationToken.None);

        Assert.Equal(afterUpdate, updated);
        Assert.Equal(afterRemoval, await DumpAsync(terminal, "items"));
    }

    /// <summary>A custom resolver is asked with both rows when the terminal holds the row, and its decision is obeyed.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ImportAsync_CustomResolver_ConsultedWithBothRowsAndObeyed()
    {
        var resolver = new HigherPriceWins();
        var (terminal, importer) = await CreateAsync(o => o.Tables.Add(Items(SyncConflictPolicy.Custom, resolver)));
        await ExecuteAsync(terminal, "INSERT INTO items (id, organization, name, price) VALUES (1, 'folder-1', 'local', 9)");

        var kept = await importer.ImportAsync(Batch(0, 1, Item(1, 1, "from back office", 2.5)), CancellationToken.None);
        await ExecuteAsync(terminal, "UPDATE items SET price = 1 WHERE id = 1");
        var taken = await importer.ImportAsync(Batch(1, 2, Item(2, 1, "from back office", 2.5)), CancellationToken.None);

        Assert.Equal((1, 1), (kept.KeptLocal, taken.Written));
        Assert.Equal("1|folder-1|from back office|2.5", await DumpAsync(terminal, "items"));
        Assert.Equal(2, resolver.Calls);
    }

    /// <summary>An append-only ticket the terminal does not hold is inserted.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ImportAsync_AppendOnlyTicketMissingLocally_Inserted()
    {
        var (terminal, importer) = await CreateAsync();
        var ticket = new RowChange { Table = "tickets", Version = 1, Values = Row("""{"id": "T-1", "organization": "folder-1", "total": 12.5}""") };

        await importer.ImportAsync(Batch(0, 1, ticket), CancellationToken.None);

        Assert.Equal("T-1|folder-1|12.5", await DumpAsync(terminal, "tickets"));
    }

    private sealed class HigherPriceWins : ISyncConflictResolver
    {
        public int Calls { get; private set; }

        public ValueTask<SyncConflictDecision> ResolveAsync(SyncConflict conflict, CancellationToken cancellationToken)
        {
            Calls++;
            return ValueTask.FromResult(Convert.ToDouble(conflict.Local["price"], CultureInfo.InvariantCulture) > Convert.ToDouble(conflict.Incoming["price"], CultureInfo.InvariantCulture)
                ? SyncConflictDecision.KeepLocal
                : SyncConflictDecision.TakeIncoming);
        }
    }
}
