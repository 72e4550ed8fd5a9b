using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PosFleet;
using PosFleet.Connectors.Sqlite;
using PosFleet.Sync.Changes;

// Usage:
//   change-import source <backoffice.db> <rows> <changes.gz>   a back office with <rows> items and 60 users over 3 tills,
//                                                              some updated and deleted; every change for till-1 written to the file
//   change-import import <terminal.db> <changes.gz>            imports the file into a terminal (resumes where a killed run stopped)
//   change-import bench <dir> <rows> [runs]                    import rows/s against a raw batched INSERT of the same rows
const string Organization = "folder-1";
const string Terminal = "till-1";
const string Schema = """
    CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, organization TEXT NOT NULL, name TEXT NOT NULL, price REAL NOT NULL, stock INTEGER NOT NULL, note TEXT);
    CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, organization TEXT NOT NULL, name TEXT NOT NULL, terminal_id TEXT);
    """;

if (args.Length < 3)
{
    Console.Error.WriteLine("usage: change-import source <backoffice.db> <rows> <changes.gz> | import <terminal.db> <changes.gz> | bench <dir> <rows> [runs]");
    return 2;
}

switch (args[0])
{
    case "source":
        await SourceAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3]);
        return 0;
    case "import":
        await using (var terminal = Compose(args[1], Terminal))
        {
            var summary = await ChangeBatchFile.ImportAsync(terminal.GetRequiredService<IChangeImporter>(), args[2], new ChangeFileOptions { AllowUnsigned = true });
            Console.WriteLine($"imported {summary.Batches} batches, {summary.Rows} changes, checkpoint {summary.Checkpoint}");
        }

        return 0;
    case "bench":
        await BenchAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5);
        return 0;
    default:
        Console.Error.WriteLine($"unknown command '{args[0]}'");
        return 2;
}

static ServiceProvider Compose(string path, string? terminal, int batchRows = 500)
{
    var services = new ServiceCollection();
    services.AddPosFleet(o => { o.TerminalId = terminal; o.Organization = Organization; })
        .UseSqliteStorageFile(path, o => o.CheckOnOpen = false)
        .AddSyncTables(o =>
        {
            o.MaxBatchRows = batchRows;
            o.Tables.Add(new SyncTable { Name = "items", KeyColumns = ["id"], Columns = ["name", "price", "stock", "note"], OrganizationColumn = "organization" });
            o.Tables.Add(new SyncTable { Name = "users", KeyColumns = ["id"], Columns = ["name"], OrganizationColumn = "organization", TerminalColumn = "terminal_id" });
        });
    var provider = services.BuildServiceProvider();
    // As a host starts: PosFleet creates or migrates its file, then the host's own tables are added; tracking is
    // installed on first use. A new terminal file starts with accounts of other tills, which the import removes (seed 003).
    foreach (var service in provider.GetServices<IHostedService>())
    {
        service.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
    connection.Open();
    using var transaction = connection.BeginTransaction();
    using var command = connection.CreateCommand();
    command.CommandText = "SELECT count(*) FROM sqlite_schema WHERE name = 'users';";
    var created = (long)command.ExecuteScalar()! == 1;
    command.CommandText = Schema + (created || terminal is null ? "" : "INSERT INTO users VALUES ('old-1', 'folder-1', 'Old 1', 'till-9'), ('old-2', 'folder-1', 'Old 2', NULL);");
    command.ExecuteNonQuery();
    transaction.Commit();
    return provider;
}

static async Task SourceAsync(string path, int rows, string file)
{
    await using var backOffice = Compose(path, terminal: null);
    var exporter = backOffice.GetRequiredService<IChangeExporter>();
    await exporter.ExportAsync(Organization, Terminal, 0, CancellationToken.None); // installs the triggers
    using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
    connection.Open();
    using (var transaction = connection.BeginTransaction())
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO items (id, organization, name, price, stock, note) VALUES ($id, $organization, $name, $price, $stock, $note);";
        var random = new Random(42);
        for (var i = 1; i <= rows; i++)
        {
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$id", i);
            insert.Parameters.AddWithValue("$organization", i % 10 == 0 ? "folder-2" : Organization);
            insert.Parameters.AddWithValue("$name", $"Item {i} — café crème {random.Next(1000)}");
            insert.Parameters.AddWithValue("$price", Math.Round(random.NextDouble() * 100, 2));
            insert.Parameters.AddWithValue("$stock", random.Next(500));
            insert.Parameters.AddWithValue("$note", i % 3 == 0 ? DBNull.Value : $"note {i}");
            insert.ExecuteNonQuery();
        }

        using var users = connection.CreateCommand();
        users.CommandText = """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
            INSERT INTO users (id, organization, name, terminal_id) SELECT 'user-' || i, 'folder-1', 'User ' || i, 'till-' || (i % 3 + 1) FROM n;
            UPDATE items SET price = price + 1 WHERE id % 7 = 0;
            DELETE FROM items WHERE id % 11 = 0;
            UPDATE users SET terminal_id = 'till-1' WHERE id = 'user-2';
            DELETE FROM users WHERE id = 'user-3';
            """;
        users.ExecuteNonQuery();
        transaction.Commit();
    }

    // The kill trial measures the import, not signatures: the file is unsigned and imported as such.
    var summary = await ChangeBatchFile.ExportAsync(exporter, file, Organization, Terminal, 0, new ChangeFileOptions());
    Console.WriteLine($"exported {summary.Batches} batches, {summary.Rows} changes, checkpoint {summary.Checkpoint}");
}

static async Task BenchAsync(string directory, int rows, int runs)
{
    Directory.CreateDirectory(directory);
    var source = Path.Combine(directory, "bench-backoffice.db");
    var file = Path.Combine(directory, "bench-changes.gz");
    foreach (var old in Directory.GetFiles(directory, "bench-*"))
    {
        File.Delete(old);
    }

    await SourceAsync(source, rows, file);
    var batches = new List<ChangeBatch>();
    await using (var backOffice = Compose(source, terminal: null, batchRows: 1000))
    {
        var exporter = backOffice.GetRequiredService<IChangeExporter>();
        long checkpoint = 0;
        ChangeBatch batch;
        do
        {
            batch = await exporter.ExportAsync(Organization, Terminal, checkpoint, CancellationToken.None);
            batches.Add(batch);
            checkpoint = batch.Checkpoint;
        }
        while (batch.HasMore);
    }

    var items = batches.SelectMany(b => b.Changes).Where(c => c.Table == "items" && !c.Deleted).ToList();
    var importTimes = new List<double>();
    var rawTimes = new List<double>();
    for (var run = 0; run < runs; run++)
    {
        var target = Path.Combine(directory, $"bench-import-{run}.db");
        await using (var terminal = Compose(target, Terminal, batchRows: 1000))
        {
            var importer = terminal.GetRequiredService<IChangeImporter>();
            await importer.GetCheckpointAsync(Organization, CancellationToken.None); // installs, opens the pool
            var clock = Stopwatch.StartNew();
            foreach (var batch in batches)
            {
                await importer.ImportAsync(batch, CancellationToken.None);
            }

            importTimes.Add(clock.Elapsed.TotalSeconds);
            if (Environment.GetEnvironmentVariable("PROFILE") == "1")
            {
                clock.Restart();
                for (var i = 0; i < batches.Count; i++)
                {
                    await importer.GetCheckpointAsync(Organization, CancellationToken.None);
                }

                Console.WriteLine($"  {batches.Count} opens + checkpoint reads: {clock.Elapsed.TotalMilliseconds:F1} ms; import {importTimes[^1] * 1000:F1} ms");
            }
        }

        var raw = Path.Combine(directory, $"bench-raw-{run}.db");
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = raw }.ToString()))
        {
            connection.Open();
            using (var setup = connection.CreateCommand())
            {
                setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768;" + Schema;
                setup.ExecuteNonQuery();
            }

            var clock = Stopwatch.StartNew();
            for (var start = 0; start < items.Count; start += 1000)
            {
                using var transaction = connection.BeginTransaction();
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO items (id, organization, name, price, stock, note) VALUES ($id, $organization, $name, $price, $stock, $note);";
                var id = insert.Parameters.Add("$id", SqliteType.Integer);
                var organization = insert.Parameters.Add("$organization", SqliteType.Text);
                var name = insert.Parameters.Add("$name", SqliteType.Text);
                var price = insert.Parameters.Add("$price", SqliteType.Real);
                var stock = insert.Parameters.Add("$stock", SqliteType.Integer);
                var note = insert.Parameters.Add("$note", SqliteType.Text);
                foreach (var change in items.Skip(start).Take(1000))
                {
                    var values = change.Values;
                    id.Value = values["id"].GetInt64();
                    organization.Value = values["organization"].GetString();
                    name.Value = values["name"].GetString();
                    price.Value = values["price"].GetDouble();
                    stock.Value = values["stock"].GetInt64();
                    note.Value = values["note"].ValueKind == System.Text.Json.JsonValueKind.Null ? DBNull.Value : values["note"].GetString();
                    insert.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            rawTimes.Add(clock.Elapsed.TotalSeconds);
        }

        SqliteConnection.ClearAllPools();
    }

    // Best and median of the runs, import and raw alternating, so that a busy machine weighs on both alike.
    var changes = batches.Sum(b => b.Changes.Count);
    static double Median(List<double> times) => times.Order().ElementAt(times.Count / 2);
    var import = changes / importTimes.Min();
    var rawRate = items.Count / rawTimes.Min();
    var importMedian = changes / Median(importTimes);
    var rawMedian = items.Count / Median(rawTimes);
    Console.WriteLine($"changes: {changes} ({items.Count} item rows) in {batches.Count} batches; {runs} runs");
    Console.WriteLine($"import (IChangeImporter, batch + checkpoint per transaction): best {import:N0} rows/s, median {importMedian:N0} rows/s");
    Console.WriteLine($"raw batched INSERT (same rows, same table, 1000 per transaction): best {rawRate:N0} rows/s, median {rawMedian:N0} rows/s");
    Console.WriteLine($"ratio: best {import / rawRate:F2}x, median {importMedian / rawMedian:F2}x");
}
