using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PosFleet.Status;

namespace PosFleet.Cli.Tests.Status;

/// <summary>
/// <c>posfleet status --xlsx</c>, the tool run as a process, and the workbook read back by openpyxl (Debian
/// <c>python3-openpyxl</c>), as another program would: every row, every value, every fill.
/// </summary>
public sealed class StatusXlsxTests : IAsyncLifetime, IDisposable
{
    private static readonly Dictionary<TerminalHealth, string> Fills = new()
    {
        [TerminalHealth.Red] = "FFFFC7CE",
        [TerminalHealth.Yellow] = "FFFFEB9C",
        [TerminalHealth.Grey] = "FFD9D9D9",
        [TerminalHealth.Green] = "FFC6EFCE",
    };

    private readonly TempDirectory _dir = new();

    private string Store => Path.Combine(_dir.Path, "backoffice.db");

    private static readonly string AsOf = StatusBoardFile.AsOf.ToString("O", CultureInfo.InvariantCulture);

    public Task InitializeAsync() => StatusBoardFile.CreateAsync(Store);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("--sort health", "acme-04,bravo-02,acme-03,charlie-02,acme-02,acme-01,bravo-01,charlie-01")]
    [InlineData("--within 1d --organization ACME", "acme-01,acme-02,acme-03,acme-04")]
    [InlineData("--hide-synced", "acme-04,bravo-02")]
    public async Task StatusXlsx_Filters_EveryRowAndFillAsTheBoard(string filters, string terminals)
    {
        // The seeded fleet decides what the workbook must hold: which terminals, in which order, in which colour.
        var seeded = terminals.Split(',').Select(t => StatusBoardFile.Fleet.Single(f => f.Terminal == t)).ToList();
        var file = Path.Combine(_dir.Path, "board.xlsx");
        string[] common = ["status", "--store", Store, "--as-of", AsOf, "--target-version", "35", "--target", "BRAVO=34", .. filters.Split(' ')];

        var export = await PosFleetProcess.RunAsync([.. common, "--xlsx", file, "--limit", "2"]);
        var board = await PosFleetProcess.RunAsync([.. common, "--json", "--limit", "100"]);
        var read = await ReadAsync(file);

        Assert.True(export.ExitCode == 0, export.Stderr);
        var expected = JsonDocument.Parse(board.Stdout).RootElement.GetProperty("terminals").EnumerateArray().ToList();
        Assert.Contains($"Wrote {seeded.Count} terminals to {file}.", export.Stdout, StringComparison.Ordinal);
        Assert.Equal("Status board", read.GetProperty("title").GetString());
        Assert.Equal("A3", read.GetProperty("freeze").GetString());
        var rows = read.GetProperty("rows").EnumerateArray().ToList();
        Assert.StartsWith("Status board as of 2026-11-30 12:00 UTC", rows[0].GetProperty("values")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(
            ["Organization", "Terminal", "Health", "Version", "Target version", "Last update (UTC)", "Last sync (UTC)", "Last heard (UTC)", "Last sync error", "Outbox depth", "Oldest unsent (minutes)"],
            rows[1].GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(seeded.Count, expected.Count);
        Assert.Equal(seeded.Count + 2, rows.Count); // every page, not the --limit of two
        for (var i = 0; i < seeded.Count; i++)
        {
            var want = expected[i];
            var values = rows[i + 2].GetProperty("values");
            var health = seeded[i].Health;
            Assert.Equal(seeded[i].Organization, values[0].GetString());
            Assert.Equal(seeded[i].Terminal, values[1].GetString());
            Assert.Equal(health.ToString(), values[2].GetString());
            Assert.Equal(seeded[i].Version, values[3].GetString());
            Assert.Equal(seeded[i].Error ?? "", values[8].GetString() ?? "");
            Assert.Equal(want.GetProperty("version").GetString(), values[3].GetString());
            Assert.Equal(want.GetProperty("targetVersion").GetString(), values[4].GetString());
            Assert.Equal(Minute(want.GetProperty("lastHeard").GetDateTimeOffset()), Minute(DateTime.Parse(values[7].GetString()!, CultureInfo.InvariantCulture)));
            Assert.Equal(want.GetProperty("lastSyncError").GetString() ?? "", values[8].GetString() ?? "");
            Assert.Equal(want.GetProperty("outboxDepth").GetInt64(), values[9].GetInt64());
            Assert.All(rows[i + 2].GetProperty("fills").EnumerateArray(), fill => Assert.Equal(Fills[health], fill.GetString()));
        }

        Assert.Equal($"A2:K{seeded.Count + 2}", read.GetProperty("filter").GetString());
    }

    [Fact]
    public async Task StatusXlsx_FolderMissing_Exit2AndNoFile()
    {
        var file = Path.Combine(_dir.Path, "no-such-folder", "board.xlsx");

        var result = await PosFleetProcess.RunAsync("status", "--store", Store, "--xlsx", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Stderr, StringComparison.Ordinal);
    }

    private static string Minute(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Minute(DateTime at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static async Task<JsonElement> ReadAsync(string file)
    {
        // The system python, where Debian's python3-openpyxl is installed (a python of its own on PATH may lack it).
        var start = new ProcessStartInfo(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Status", "read_xlsx.py"));
        start.ArgumentList.Add(file);
        using var python = Process.Start(start)!;
        var stdout = python.StandardOutput.ReadToEndAsync();
        var stderr = python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.True(python.ExitCode == 0, $"openpyxl could not read the workbook (python3-openpyxl installed?): {await stderr}");
        return JsonDocument.Parse(await stdout).RootElement.Clone();
    }
}
