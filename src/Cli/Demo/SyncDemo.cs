using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PosFleet.Connectors.Sqlite;
using PosFleet.Sync;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Changes;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Exchange;
using PosFleet.Sync.Outbox;

namespace PosFleet.Cli.Demo;

/// <summary>
/// The sync part of <c>posfleet demo</c>: a back office and three terminals in one process, one container per side, over
/// the in-process transport. Every terminal writes tickets into its outbox in its own transaction; the back office
/// changes an item's price; one terminal's line is down for three rounds, then it catches up. Prints what moved.
/// </summary>
internal static class SyncDemo
{
    public const string Organization = "folder-1";
    public const int Rounds = 5;
    private static readonly string[] Terminals = ["till-1", "till-2", "till-3"];
    private const string OfflineTerminal = "till-3";
    private const int FirstOfflineRound = 2, LastOfflineRound = 4;

    private static readonly SyncTable Items = new() { Name = "items", KeyColumns = ["id"], Columns = ["name", "price"], OrganizationColumn = "folder" };

    public static async Task<int> RunAsync(DirectoryInfo dir, TextWriter output, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateDirectory(Path.Combine(dir.FullName, "sync"));
        foreach (var file in folder.GetFiles("*.db*"))
        {
            file.Delete();
        }

        output.WriteLine($"Sync: a back office and {Terminals.Length} terminals of '{Organization}' in one process ({folder.FullName}); {OfflineTerminal} is offline in rounds {FirstOfflineRound}-{LastOfflineRound}.");
        var backOfficeDb = Path.Combine(folder.FullName, "backoffice.db");
        await using var backOffice = Compose(b => b.UseSqliteStorageFile(backOfficeDb)
            .AddSyncBackOffice()
            .AddOutboxMessageHandler("ticket", new DemoTicketHandler())
            .AddSyncTables(o => o.Tables.Add(Items)));
        var registry = backOffice.GetRequiredService<ITerminalRegistry>();
        var credentials = new Dictionary<string, string>();
        foreach (var id in Terminals)
        {
            credentials[id] = (await registry.EnrolAsync(id, Organization, cancellationToken).ConfigureAwait(false)).Credential;
        }

        Execute(backOfficeDb, """
            CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL NOT NULL, folder TEXT NOT NULL);
            CREATE TABLE tickets (id TEXT PRIMARY KEY, terminal TEXT NOT NULL, folder TEXT NOT NULL, total TEXT NOT NULL);
            INSERT INTO items VALUES (1, 'Coffee', 1.50, 'folder-1'), (2, 'Croissant', 1.20, 'folder-1');
            """);

        var handler = backOffice.GetRequiredService<ISyncExchangeHandler>();
        var tills = new List<DemoTill>();
        foreach (var id in Terminals)
        {
            tills.Add(await DemoTill.StartAsync(folder.FullName, id, credentials[id], handler, cancellationToken).ConfigureAwait(false));
        }

        try
        {
            for (var round = 1; round <= Rounds; round++)
            {
                if (round == 2)
                {
                    Execute(backOfficeDb, "UPDATE items SET price = 1.70 WHERE id = 1;");
                    output.WriteLine("  back office: Coffee 1.50 -> 1.70 (an item price change, exported to every terminal of the folder)");
                }

                foreach (var till in tills)
                {
                    till.Line.Down = till.Id == OfflineTerminal && round is >= FirstOfflineRound and <= LastOfflineRound;
                    await till.WriteTicketsAsync(round, count: 3, cancellationToken).ConfigureAwait(false);
                    await till.SyncAsync(round, cancellationToken).ConfigureAwait(false);
                }
            }

            output.WriteLine();
            output.WriteLine("  terminal  tickets written  sent  acknowledged  in back office  outbox  changes imported  Coffee  offline");
            foreach (var till in tills)
            {
                var inBackOffice = Scalar(backOfficeDb, $"SELECT COUNT(*) FROM tickets WHERE terminal = '{till.Id}'");
                var outbox = await till.Services.GetRequiredService<IOutbox>().CountAsync(cancellationToken).ConfigureAwait(false);
                var price = Scalar(till.Database, "SELECT CAST(ROUND(price * 100) AS INTEGER) FROM items WHERE id = 1") / 100m;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {till.Id,-8}  {till.Written,15}  {till.Sent,4}  {till.Acknowledged,12}  {inBackOffice,14}  {outbox,6}  {till.ChangesImported,16}  {price,6:0.00}  {till.DescribeOffline()}"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  back office: {Scalar(backOfficeDb, "SELECT COUNT(*) FROM tickets")} tickets, each once ({Scalar(backOfficeDb, "SELECT COUNT(DISTINCT id) FROM tickets")} distinct ids)"));
            return ExitCodes.Success;
        }
        finally
        {
            foreach (var till in tills)
            {
                await till.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>One side's container: <c>AddPosFleet</c> and the public registrations, the options validated before use.</summary>
    internal static ServiceProvider Compose(Action<IPosFleetBuilder> configure, Action<PosFleetOptions>? fleet = null)
    {
        var services = new ServiceCollection();
        configure(fleet is null ? services.AddPosFleet() : services.AddPosFleet(fleet));
        var provider = services.BuildServiceProvider();
        provider.ValidatePosFleetOptions();
        return provider;
    }

    internal static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static long Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>A terminal: its own container over its own file, its line to the back office, and what it saw.</summary>
    private sealed class DemoTill : IAsyncDisposable
    {
        private readonly List<int> _offlineRounds = [];
        private int _caughtUpRound;
        private int _caughtUpSent;

        private DemoTill(string id, string database, DemoSyncLine line, ServiceProvider services)
        {
            Id = id;
            Database = database;
            Line = line;
            Services = services;
        }

        public string Id { get; }

        public string Database { get; }

        public DemoSyncLine Line { get; }

        public ServiceProvider Services { get; }

        public int Written { get; private set; }

        public int Sent { get; private set; }

        public int Acknowledged { get; private set; }

        public long ChangesImported { get; private set; }

        public static async Task<DemoTill> StartAsync(string folder, string id, string credential, ISyncExchangeHandler backOffice, CancellationToken cancellationToken)
        {
            var database = Path.Combine(folder, id + ".db");
            var line = new DemoSyncLine(backOffice);
            var services = Compose(
                b => b.UseSqliteStorageFile(database)
                    .AddSyncAgent(o =>
                    {
                        o.Credential = credential;
                        o.EnableBackground = false;                                  // the demo syncs round by round
                    })
                    .AddSyncTables(o => o.Tables.Add(Items))
                    .AddSyncInProcessTransport(line),
                o =>
                {
                    o.TerminalId = id;
                    o.Organization = Organization;
                });
            await services.GetRequiredService<IOutbox>().CountAsync(cancellationToken).ConfigureAwait(false);   // creates the file
            Execute(database, """
                CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL NOT NULL, folder TEXT NOT NULL);
                CREATE TABLE tickets (id TEXT PRIMARY KEY, total TEXT NOT NULL);
                """);
            return new DemoTill(id, database, line, services);
        }

        /// <summary>Each ticket and its outbox message in one transaction of the host's own connection.</summary>
        public async Task WriteTicketsAsync(int round, int count, CancellationToken cancellationToken)
        {
            var outbox = Services.GetRequiredService<IOutbox>();
            var time = Services.GetRequiredService<TimeProvider>();
            await using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            for (var i = 1; i <= count; i++)
            {
                var ticket = string.Create(CultureInfo.InvariantCulture, $"{Id}-{round}-{i}");
                var total = 1.5m * i;
                using var transaction = connection.BeginTransaction();
                using (var insert = connection.CreateCommand())
                {
                    insert.Transaction = transaction;
                    insert.CommandText = "INSERT INTO tickets (id, total) VALUES ($id, $total);";
                    insert.Parameters.AddWithValue("$id", ticket);
                    insert.Parameters.AddWithValue("$total", total.ToString(CultureInfo.InvariantCulture));
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                var payload = JsonSerializer.SerializeToElement(new DemoTicket(ticket, total), DemoSyncJsonContext.Default.DemoTicket);
                await outbox.EnqueueAsync(connection, transaction, OutboxMessage.Create("ticket", payload, time), cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                Written++;
            }
        }

        public async Task SyncAsync(int round, CancellationToken cancellationToken)
        {
            var before = ItemRows(Database);
            var outcome = await Services.GetRequiredService<ISyncAgent>().SyncNowAsync(cancellationToken).ConfigureAwait(false);
            if (outcome.Status == SyncOutcomeStatus.Unreachable)
            {
                _offlineRounds.Add(round);
                return;
            }

            if (outcome.Status != SyncOutcomeStatus.Succeeded)
            {
                throw new InvalidOperationException($"{Id}: the sync of round {round} ended {outcome.Status}: {outcome.Error}");
            }

            if (_offlineRounds.Count > 0 && _caughtUpRound == 0)
            {
                _caughtUpRound = round;
                _caughtUpSent = outcome.Sent;
            }

            Sent += outcome.Sent;
            Acknowledged += outcome.Acknowledged;
            var after = ItemRows(Database);
            ChangesImported += after.Except(before).Count() + before.Select(r => r.Id).Except(after.Select(r => r.Id)).Count();
        }

        public string DescribeOffline() => _offlineRounds.Count == 0
            ? "-"
            : string.Create(CultureInfo.InvariantCulture,
                $"rounds {_offlineRounds[0]}-{_offlineRounds[^1]} ({_offlineRounds.Count} syncs unreachable); caught up in round {_caughtUpRound}: {_caughtUpSent} tickets sent");

        /// <summary>The terminal's items as they are: what an import changed is the difference.</summary>
        private static HashSet<(long Id, string Name, double Price)> ItemRows(string path)
        {
            using var connection = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, name, price FROM items;";
            using var reader = command.ExecuteReader();
            var rows = new HashSet<(long, string, double)>();
            while (reader.Read())
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetDouble(2)));
            }

            return rows;
        }

        public ValueTask DisposeAsync() => Services.DisposeAsync();
    }
}
