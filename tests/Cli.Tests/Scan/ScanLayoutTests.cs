using System.Text.Json;
using PosFleet.Tests;

namespace PosFleet.Cli.Tests.Scan;

/// <summary><c>posfleet scan</c> on layouts it does not know: declared with <c>--pattern</c>, or read by detection alone.</summary>
public sealed class ScanLayoutTests : IDisposable
{
    private const string Layout = """
        [Nov 20 10:15:02.114] POS-0027 | ERROR | printer - paper out
        [Nov 20 10:15:03.200] POS-0031 | INFO | tickets - ticket closed ref=T-1
        untimed note from the operator
        [Nov 20 10:15:04.114] POS-0027 | ERROR | printer - paper out

        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Scan_Pattern_ReadsTheDeclaredLayoutAndCountsTheUntimedLineApart()
    {
        var log = _dir.File("till.log", Layout);

        var (code, stdout, stderr) = await PosFleetProcess.RunAsync(
            "scan", log, "--pattern", "[{timestamp:MMM d HH:mm:ss.fff}] {terminal} | {level} | {component} - {message}", "--json");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal("pattern", root.GetProperty("sources")[0].GetProperty("format").GetString());
        Assert.Equal(2, root.GetProperty("levels").GetProperty("ERROR").GetInt64());
        Assert.Equal(1, root.GetProperty("untimedLines").GetInt64());
        Assert.Equal(0, root.GetProperty("malformedLines").GetInt64());
        Assert.Equal(4, root.GetProperty("linesInScope").GetInt64());
        Assert.Contains("1 line(s) without a timestamp read as untimed entries", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_Pattern_StoresEveryEntryAndCountsTheUntimedLineAsScanDoes()
    {
        var log = _dir.File("till.log", Layout);
        var store = Path.Combine(_dir.Path, "fleet.db");

        var (code, stdout, stderr) = await PosFleetProcess.RunAsync(
            "ingest", log, "--store", store, "--pattern", "[{timestamp:MMM d HH:mm:ss.fff}] {terminal} | {level} | {component} - {message}");
        var (_, found, _) = await PosFleetProcess.RunAsync("search", "--store", store, "paper", "--json");

        Assert.True(code == 0, stderr);
        Assert.Contains("4 new lines read, 4 new entries stored, 0 malformed, 1 untimed, in ", stdout, StringComparison.Ordinal);
        Assert.Contains("1 line(s) without a timestamp stored as untimed entries", stderr, StringComparison.Ordinal);
        Assert.Equal(2, found.Split("POS-0027", StringSplitOptions.None).Length - 1);
    }

    [Theory]
    [InlineData("{timestamp:yyyy-MM-dd} {level", "--pattern is not a valid layout")]
    [InlineData("{message}", "--pattern cannot be combined with --format")]
    public async Task Scan_BadPatternOrPatternWithFormat_ExitsWithUsageError(string pattern, string expected)
    {
        var log = _dir.File("till.log", Layout);
        string[] args = expected.Contains("--format", StringComparison.Ordinal)
            ? ["scan", log, "--pattern", pattern, "--format", "iso"]
            : ["scan", log, "--pattern", pattern];

        var (code, _, stderr) = await PosFleetProcess.RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_GeneratedFleetLogWithStackTraces_NoLineMalformed()
    {
        var log = Path.Combine(_dir.Path, "fleet.log");
        var (generated, _, generateErrors) = await PosFleetProcess.RunAsync("generate", "--output", log, "--size", "2MB");
        Assert.True(generated == 0, generateErrors);

        var (code, stdout, stderr) = await PosFleetProcess.RunAsync("scan", log, "--json");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(0, root.GetProperty("malformedLines").GetInt64());
        Assert.True(root.GetProperty("continuationLines").GetInt64() > 0, "the generated log holds stack frames");
        Assert.Equal(0, root.GetProperty("untimedLines").GetInt64());
    }
}
