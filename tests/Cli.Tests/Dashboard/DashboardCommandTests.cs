using System.Text.Json;

namespace PosFleet.Cli.Tests.Dashboard;

/// <summary><c>posfleet dashboard</c> over a store the tool ingested, as a user would run it.</summary>
public sealed class DashboardCommandTests : IDisposable
{
    private const string Log = """
        2026-11-20T05:00:00.000Z [ERROR] term=POS-0003 org=ACME payment: declined
        2026-11-20T08:15:00.000Z [WARN] term=POS-0002 org=ACME sync: retrying upload
        2026-11-20T09:10:00.000Z [ERROR] term=POS-0001 org=ACME printer: printer not responding ref=T-1
        2026-11-20T09:11:00.000Z [ERROR] term=POS-0001 org=ACME printer: printer not responding ref=T-2
        2026-11-20T09:12:00.000Z [ERROR] term=POS-0002 org=ACME printer: printer not responding ref=T-3
        2026-11-20T09:20:00.000Z [INFO] term=POS-0001 org=ACME till: ticket saved ref=T-4

        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Dashboard_Json_EveryHourTotalsTopTemplateAndTerminals()
    {
        var db = Path.Combine(_dir.Path, "fleet.db");
        var (ingested, _, ingestError) = await PosFleetProcess.RunAsync("ingest", _dir.File("till.log", Log), "--store", db);

        var (code, output, error) = await PosFleetProcess.RunAsync(
            "dashboard", "--store", db, "--as-of", "2026-11-20T09:30:00Z", "--hours", "3", "--top", "1", "--json");

        Assert.True(ingested == 0, ingestError);
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("2026-11-20T07:00:00+00:00", root.GetProperty("from").GetString());
        Assert.Equal("2026-11-20T10:00:00+00:00", root.GetProperty("to").GetString());
        Assert.Equal(
            ["07:00 0/0/0", "08:00 0/1/0", "09:00 1/0/3"],
            root.GetProperty("hours").EnumerateArray().Select(h =>
                $"{h.GetProperty("hour").GetDateTimeOffset():HH:mm} {h.GetProperty("success")}/{h.GetProperty("alert")}/{h.GetProperty("error")}"));
        var totals = root.GetProperty("totals");
        Assert.Equal((1, 1, 3), (totals.GetProperty("success").GetInt32(), totals.GetProperty("alert").GetInt32(), totals.GetProperty("error").GetInt32()));
        Assert.Equal(3, root.GetProperty("kinds").GetProperty("offline").GetInt32());
        var template = Assert.Single(root.GetProperty("templates").EnumerateArray().ToList());
        Assert.Equal(3, template.GetProperty("count").GetInt32());
        Assert.Equal("printer-offline", template.GetProperty("rule").GetString());
        Assert.StartsWith("Check the printer", template.GetProperty("hint").GetString(), StringComparison.Ordinal);
        var terminal = Assert.Single(root.GetProperty("terminals").EnumerateArray().ToList());
        Assert.Equal(("POS-0001", 2), (terminal.GetProperty("terminal").GetString(), terminal.GetProperty("errors").GetInt32()));
    }

    [Fact]
    public async Task Dashboard_Table_TotalsAndEveryHour()
    {
        var db = Path.Combine(_dir.Path, "fleet.db");
        var (ingested, _, ingestError) = await PosFleetProcess.RunAsync("ingest", _dir.File("till.log", Log), "--store", db);

        var (code, output, error) = await PosFleetProcess.RunAsync("dashboard", "--store", db, "--as-of", "2026-11-20T09:30:00Z", "--hours", "3");

        Assert.True(ingested == 0, ingestError);
        Assert.True(code == 0, error);
        Assert.Contains("Dashboard, 3 hours from 2026-11-20 07:00 to 2026-11-20 10:00 UTC", output, StringComparison.Ordinal);
        Assert.Matches(@"Total\s+1\s+1\s+3", output);
        Assert.Matches(@"2026-11-20 07:00\s+0\s+0\s+0", output);
        Assert.Contains("Terminals with the most errors:", output, StringComparison.Ordinal);
    }
}
