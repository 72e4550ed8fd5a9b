using Microsoft.Extensions.DependencyInjection;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.PostgreSql.Tests.Sync;

/// <summary>
/// Keys whose type carries a length or precision (<c>char(n)</c>, <c>varchar(n)</c>, <c>numeric(p,s)</c>, <c>bit(n)</c>),
/// alone or in a composite key: the export finds their rows and sends them, never a removal in their place.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlChangeKeyTypesTests(PostgreSqlServer server) : IDisposable
{
    private readonly PostgreSqlChangeHosts _hosts = new(server);

    public void Dispose() => _hosts.Dispose();

    private static async Task<List<RowChange>> ExportAllAsync(IServiceProvider backOffice)
    {
        var exporter = backOffice.GetRequiredService<IChangeExporter>();
        var changes = new List<RowChange>();
        ChangeBatch batch;
        long checkpoint = 0;
        do
        {
            batch = await exporter.ExportAsync("folder-1", null, checkpoint, CancellationToken.None);
            changes.AddRange(batch.Changes);
            checkpoint = batch.Checkpoint;
        }
        while (batch.HasMore);
        return changes;
    }

    [Fact]
    public async Task ExportAsync_CharKey_RowsExportedNotRemovals()
    {
        await using var backOffice = await _hosts.CreateAsync(
            """
            CREATE TABLE products (ean char(13) PRIMARY KEY, folder text NOT NULL, name text NOT NULL);
            INSERT INTO products VALUES ('4006381333931', 'folder-1', 'Pencil'), ('5901234123457', 'folder-1', 'Eraser');
            """,
            o => o.Tables.Add(new SyncTable { Name = "products", KeyColumns = ["ean"], Columns = ["name"], OrganizationColumn = "folder" }));

        var changes = await ExportAllAsync(backOffice);

        Assert.All(changes, c => Assert.False(c.Deleted));
        Assert.Equal(["4006381333931:Pencil", "5901234123457:Eraser"], changes.Select(c => $"{c.Values["ean"].GetString()}:{c.Values["name"].GetString()}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ExportAsync_CompositeKeyWithCharColumn_RowsExportedNotRemovals()
    {
        await using var backOffice = await _hosts.CreateAsync(
            """
            CREATE TABLE stock (shop char(5) NOT NULL, line integer NOT NULL, folder text NOT NULL, quantity integer NOT NULL, PRIMARY KEY (shop, line));
            INSERT INTO stock VALUES ('north', 1, 'folder-1', 10), ('north', 2, 'folder-1', 20), ('south', 1, 'folder-1', 30);
            """,
            o => o.Tables.Add(new SyncTable { Name = "stock", KeyColumns = ["shop", "line"], Columns = ["quantity"], OrganizationColumn = "folder" }));

        var changes = await ExportAllAsync(backOffice);

        Assert.All(changes, c => Assert.False(c.Deleted));
        Assert.Equal(
            ["north/1:10", "north/2:20", "south/1:30"],
            changes.Select(c => $"{c.Values["shop"].GetString()}/{c.Values["line"].GetInt32()}:{c.Values["quantity"].GetInt32()}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ExportAsync_VarcharNumericAndBitKey_RowsExportedNotRemovals()
    {
        await using var backOffice = await _hosts.CreateAsync(
            """
            CREATE TABLE prices (code varchar(12) NOT NULL, amount numeric(8, 2) NOT NULL, flags bit(4) NOT NULL, folder text NOT NULL, label text NOT NULL, PRIMARY KEY (code, amount, flags));
            INSERT INTO prices VALUES ('coffee-large', 3.50, B'1010', 'folder-1', 'Large'), ('tea', 12.05, B'0001', 'folder-1', 'Pot');
            """,
            o => o.Tables.Add(new SyncTable { Name = "prices", KeyColumns = ["code", "amount", "flags"], Columns = ["label"], OrganizationColumn = "folder" }));

        var changes = await ExportAllAsync(backOffice);

        Assert.All(changes, c => Assert.False(c.Deleted));
        Assert.Equal(
            ["coffee-large/3.50/1010:Large", "tea/12.05/0001:Pot"],
            changes.Select(c => $"{c.Values["code"].GetString()}/{c.Values["amount"].GetDecimal():0.00}/{c.Values["flags"].GetString()}:{c.Values["label"].GetString()}").Order(StringComparer.Ordinal));
    }
}
