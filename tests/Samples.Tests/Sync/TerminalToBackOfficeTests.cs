using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using PosFleet.Tests;

namespace PosFleet.Samples.Tests.Sync;

/// <summary>
/// Both samples as their own processes on 127.0.0.1 (ports the system chose), the terminal enrolled with posfleet as an
/// operator does: the ticket the till sells reaches the back office exactly once, and the back office's items reach the till.
/// </summary>
public sealed partial class TerminalToBackOfficeTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Run_EnrolledTerminalSellsOneTicket_BackOfficeStoresItExactlyOnce()
    {
        var backOfficeDb = Path.Combine(_dir.Path, "backoffice.db");
        var tillDb = Path.Combine(_dir.Path, "till.db");
        var credential = Path.Combine(_dir.Path, "till-07.credential");
        using var backOffice = PosFleetProcess.Start(new PosFleetProcess.Options([BackOffice.BackOfficeSampleTests.SamplePath])
        {
            FileName = "dotnet",
            Timeout = Patience,
            Environment = new Dictionary<string, string?>
            {
                ["Urls"] = "http://127.0.0.1:0",
                ["Storage__Path"] = backOfficeDb,
                ["Ingest__Paths__0"] = Directory.CreateDirectory(Path.Combine(_dir.Path, "logs")).FullName,
                ["PickupFolder"] = Path.Combine(_dir.Path, "mail"),
                ["Telemetry__Exporter"] = "console",
            },
        });
        var listening = await backOffice.WaitForStdoutLineAsync(l => l.Contains("Now listening on: http://127.0.0.1:", StringComparison.Ordinal), Patience);
        var address = listening[(listening.IndexOf("http://", StringComparison.Ordinal))..].Trim();
        using (var http = new HttpClient())
        {
            var health = await http.GetAsync(new Uri(address + "/health"));
            Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        }

        var enrol = await PosFleetProcess.RunAsync("terminal", "enrol", "--store", backOfficeDb, "--terminal", "till-07", "--organization", "shop-12", "--credential-file", credential);
        Assert.True(enrol.ExitCode == 0, enrol.Stderr);
        Execute(backOfficeDb, "INSERT INTO items VALUES (1, 'Coffee', 1.7, 'shop-12'), (2, 'Rocket', 999, 'other-org');");

        using var till = PosFleetProcess.Start(new PosFleetProcess.Options([SampleBuild.PathOf("TerminalAgent", "posfleet-terminal.dll")])
        {
            FileName = "dotnet",
            Timeout = Patience,
            Environment = new Dictionary<string, string?>
            {
                ["Storage__Path"] = tillDb,
                ["Sync__BackOfficeUri"] = address + "/posfleet/sync",
                ["Sync__CredentialFile"] = credential,
                ["Sync__Interval"] = "00:00:01",
                ["Sync__IntervalJitter"] = "00:00:00",
                ["Sales__Tickets"] = "1",
                ["Logging__LogLevel__PosFleet.Sync"] = "Debug", // the agent's "Synced …" line, which the test waits for
            },
        });

        // Sold, sent, acknowledged (so deleted from the outbox, never sent again), and the folder's items imported.
        await till.WaitForStdoutLineAsync(l => l.Contains("Sold ticket", StringComparison.Ordinal), Patience);
        // An acknowledgement comes after the back office committed; the exchange that carried it imported the items first.
        await till.WaitForStdoutLineAsync(l => Acknowledged().IsMatch(l), Patience);

        var sold = Assert.Single(Rows(tillDb, "SELECT id FROM tickets"));
        Assert.Equal([sold + "|till-07|shop-12"], Rows(backOfficeDb, "SELECT id, terminal, organization FROM tickets"));
        Assert.Equal(["1|Coffee"], Rows(tillDb, "SELECT id, name FROM items"));
        // The exchange, traced by PosFleet's activity source and written by the console exporter of Telemetry:Exporter.
        await backOffice.WaitForStdoutLineAsync(l => l.Contains("posfleet.sync.exchange", StringComparison.Ordinal), Patience);
        Assert.DoesNotContain(File.ReadAllText(credential).Trim(), till.Stdout + till.Stderr + backOffice.Stdout + backOffice.Stderr, StringComparison.Ordinal);
        await till.SignalAsync(PosFleetProcess.Signal.Terminate);
        await backOffice.SignalAsync(PosFleetProcess.Signal.Terminate);
        Assert.Equal(0, (await till.WaitForExitAsync(TimeSpan.FromSeconds(30))).ExitCode);
        Assert.Equal(0, (await backOffice.WaitForExitAsync(TimeSpan.FromSeconds(30))).ExitCode);
    }


    [GeneratedRegex(@"Synced with the back office: \d+ exchanges, [1-9]\d* outbox messages acknowledged, 0 waiting\.")]
    private static partial Regex Acknowledged();

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<string> Rows(string path, string sql)
    {
        try
        {
            using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
            }

            return rows;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 1)
        {
            return ["0"];                                                       // the sample has not created the table yet
        }
    }
}
