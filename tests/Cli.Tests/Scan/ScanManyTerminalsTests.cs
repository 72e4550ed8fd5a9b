using System.Text;
using System.Text.Json;
using PosFleet.Tests;

namespace PosFleet.Cli.Tests.Scan;

/// <summary>A log naming tens of thousands of terminals: every list of the summary is bounded, the counts are not.</summary>
public sealed class ScanManyTerminalsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>50,000 terminals with one error each, and POS-HEAVY with 1,000 errors among them.</summary>
    private string Log()
    {
        var log = new StringBuilder();
        for (var i = 0; i < 50_000; i++)
        {
            log.Append("2026-11-19T10:00:00Z [ERROR] term=T-").Append(i).Append(" org=ACME printer: paper out on printer ").Append(i % 4).Append('\n');
            if (i % 50 == 0)
            {
                log.Append("2026-11-19T10:00:01Z [ERROR] term=POS-HEAVY org=ACME printer: paper out on printer 1\n");
            }
        }

        return _dir.File("fleet.log", log.ToString());
    }

    [Fact]
    public async Task Scan_JsonTop10_ListsAtMostTenTerminalsPerListWithHowManyMore_AndTheExactTotal()
    {
        var (code, stdout, stderr) = await PosFleetProcess.RunAsync("scan", Log(), "--json", "--top", "10");

        Assert.True(code == 0, stderr);
        Assert.True(stdout.Length < 16_000, $"the summary is {stdout.Length:N0} characters");
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(50_001, root.GetProperty("terminalCount").GetInt64());
        Assert.False(root.TryGetProperty("terminalCountIsEstimate", out _));
        var terminals = root.GetProperty("terminals");
        Assert.Equal(10, terminals.GetArrayLength());
        Assert.Equal("POS-HEAVY", terminals[0].GetProperty("terminal").GetString());
        Assert.Equal(50_001 - 10, root.GetProperty("moreTerminals").GetInt64());

        var template = Assert.Single(root.GetProperty("templates").EnumerateArray());
        var listed = template.GetProperty("terminals").GetArrayLength();
        Assert.Equal(10, listed);
        Assert.Equal("POS-HEAVY", template.GetProperty("terminals")[0].GetString());
        Assert.True(template.GetProperty("terminalCountIsEstimate").GetBoolean());
        Assert.InRange(template.GetProperty("terminalCount").GetInt64(), 48_000, 52_000);
        Assert.Equal(template.GetProperty("terminalCount").GetInt64() - listed, template.GetProperty("moreTerminals").GetInt64());
    }

    [Fact]
    public async Task Scan_Table_SaysHowManyMoreTerminalsThanItLists()
    {
        var (code, stdout, stderr) = await PosFleetProcess.RunAsync("scan", Log(), "--top", "5");

        Assert.True(code == 0, stderr);
        Assert.Contains("Top 5 of 50,001 terminals", stdout, StringComparison.Ordinal);
        Assert.Contains("… and 49,996 more terminals", stdout, StringComparison.Ordinal);
        Assert.True(stdout.Split('\n').Length < 40, stdout);
    }
}
