using System.Text.Json;
using PosFleet.Tests;

namespace PosFleet.Cli.Tests.Scan;

public sealed class ScanCommandTests : IDisposable
{
    private const string Log = """
        2026-11-19T08:00:00.000Z [ERROR] term=POS-1 org=ACME tickets: could not save ticket ref=T-100 : error 7
        2026-11-20T08:00:00.000Z [ERROR] term=POS-1 org=ACME tickets: could not save ticket ref=T-200 : error 9
        2026-11-20T09:00:00.000Z [FAIL] term=POS-2 org=ACME printer: paper out on printer 2
        2026-13-45T99:00:00Z garbled timestamp
        2026-11-20T10:00:00.000Z [INFO] term=POS-3 org=BETA tickets: ticket closed ref=T-300

        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Scan_Table_PrintsCountsTemplatesHintsAndMalformed()
    {
        var (code, stdout, stderr) = await PosFleetProcess.RunAsync("scan", _dir.File("a.log", Log));

        Assert.True(code == 0, stderr);
        Assert.Contains("could not save ticket ref=<*>", stdout, StringComparison.Ordinal);
        Assert.Contains("hint: Load a new paper roll", stdout, StringComparison.Ordinal);
        Assert.Contains("a.log:4", stdout, StringComparison.Ordinal);
        Assert.Contains("1 malformed line", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_JsonWithSince_CountsTheWindowAsOfTheGivenInstant()
    {
        var (code, stdout, stderr) = await PosFleetProcess.RunAsync("scan", _dir.File("a.log", Log), "--since", "24h", "--as-of", "2026-11-20T12:00:00Z", "--json");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("linesInScope").GetInt64());
        Assert.Equal(1, root.GetProperty("kinds").GetProperty("error").GetInt64());
        Assert.Equal(1, root.GetProperty("levels").GetProperty("FAIL").GetInt64());
        Assert.Equal(1, root.GetProperty("malformedLines").GetInt64());
        Assert.Equal(4, root.GetProperty("firstMalformed")[0].GetProperty("line").GetInt64());
        Assert.Equal("iso", root.GetProperty("sources")[0].GetProperty("format").GetString());
    }

    [Fact]
    public async Task Scan_EmitLines_WritesOneJsonObjectPerWellFormedLine_FromStandardInput()
    {
        var (code, stdout, stderr) = await PosFleetProcess.RunWithInputAsync(Log, "scan", "-", "--emit", "lines");
        var (_, selected, _) = await PosFleetProcess.RunWithInputAsync(Log, "scan", "-", "--emit", "lines", "--selected-only");

        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([1L, 2, 3, 5], lines.Select(l => l.GetProperty("line").GetInt64()));
        Assert.Equal("none", lines[3].GetProperty("kind").GetString());
        Assert.Equal(3, selected.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.All(lines, l => Assert.Equal("-", l.GetProperty("source").GetString()));
        Assert.Equal(lines[0].GetProperty("templateId").GetString(), lines[1].GetProperty("templateId").GetString());
        Assert.Equal("fail", lines[2].GetProperty("kind").GetString());
        Assert.Equal("error", lines[2].GetProperty("severity").GetString());
        Assert.Equal("T-100", lines[0].GetProperty("reference").GetString());
    }

    [Fact]
    public async Task Scan_MissingFile_ExitsWithUnreadableInput_AndStillScansTheOthers()
    {
        var missing = Path.Combine(_dir.Path, "nope.log");
        var (code, stdout, stderr) = await PosFleetProcess.RunAsync("scan", missing, _dir.File("a.log", Log), "--json");

        Assert.Equal(3, code);
        Assert.Contains($"The file '{missing}' does not exist.", stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(2, json.RootElement.GetProperty("kinds").GetProperty("error").GetInt64());
    }

    [Theory]
    [InlineData("--since", "yesterday")]
    [InlineData("--since", "99999999d")]
    [InlineData("--kinds", "error,bogus")]
    [InlineData("--format", "nosuchformat")]
    [InlineData("--emit", "tables")]
    public async Task Scan_BadOptionValue_ExitsWithUsageError_NamingTheOption(string option, string value)
    {
        var (code, _, stderr) = await PosFleetProcess.RunAsync("scan", _dir.File("a.log", Log), option, value);

        Assert.Equal(2, code);
        Assert.Contains(value.Split(',')[^1], stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_InvalidRulesFile_ExitsWithInvalidConfiguration()
    {
        var rules = _dir.File("rules.json", """{ "rules": [ { "name": "x", "kind": "error" } ] }""");
        var (code, _, stderr) = await PosFleetProcess.RunAsync("scan", _dir.File("a.log", Log), "--rules", rules);

        Assert.Equal(4, code);
        Assert.Contains("rules.json", stderr, StringComparison.Ordinal);
    }
}
