using System.Text.Json;
using PosFleet.Tests;

namespace PosFleet.Cli.Tests.Scan;

/// <summary>
/// <c>posfleet scan</c> on directories with symbolic-link loops and FIFOs, and on over-long lines. Each run has a short
/// time limit: a scan that loops or blocks on a FIFO fails instead of stalling the test run.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ScanWalkTests : IDisposable
{
    private const string Lines = """
        2026-11-20T10:00:01.000Z [ERROR] term=POS-0001 org=ACME printer: paper out
        2026-11-20T10:00:02.000Z [INFO] term=POS-0001 org=ACME tickets: ticket closed

        """;

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Scan_DirectoryWithTwoSymlinkLoops_ReadsTheFileOnceAndSaysWhatWasSkipped()
    {
        var root = Path.Combine(_dir.Path, "DIR");
        _dir.File("DIR/a.log", Lines);
        File.CreateSymbolicLink(Path.Combine(root, "self"), "../DIR");
        File.CreateSymbolicLink(Path.Combine(root, "again"), "../DIR");

        var (code, stdout, stderr) = await Run("scan", root, "--json");

        Assert.True(code == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(2, json.GetProperty("lines").GetInt64());
        Assert.Equal(1, json.GetProperty("sources").GetArrayLength());
        Assert.Equal(2, json.GetProperty("skipped").GetArrayLength());
        Assert.Contains($"posfleet: skipped '{Path.Combine(root, "self")}': symlink loop (back to '{root}').", stderr, StringComparison.Ordinal);
        Assert.Contains($"posfleet: skipped '{Path.Combine(root, "again")}': symlink loop", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_FifoWithoutWriterInADirectory_SkippedWithANoteNotCalledEmpty()
    {
        var root = Path.Combine(_dir.Path, "DIR");
        _dir.File("DIR/a.log", Lines);
        var fifo = TestFiles.Fifo(Path.Combine(root, "pipe.log"));

        var (code, stdout, stderr) = await Run("scan", root);

        Assert.True(code == 0, stderr);
        Assert.Contains("Scanned 2 lines", stdout, StringComparison.Ordinal);
        Assert.Equal($"posfleet: skipped '{fifo}': a FIFO (named pipe), not a regular file.", stderr.Trim());
    }

    [Fact]
    public async Task Scan_FifoNamedOnTheCommandLine_ExitsThreeWithAClearErrorWithoutWaiting()
    {
        var fifo = TestFiles.Fifo(Path.Combine(_dir.Path, "fifo.log"));

        var (code, _, stderr) = await Run("scan", fifo);

        Assert.Equal(3, code);
        Assert.Equal(
            $"posfleet: The file '{fifo}' is not read: it is a FIFO (named pipe), not a regular file (to scan what a pipe carries, give it on standard input: posfleet scan - < '{fifo}').",
            stderr.Trim());
    }

    [Fact]
    public async Task Scan_LineLongerThanTheMaximum_CountedAsOverLongNeitherMalformedNorEmitted()
    {
        var log = _dir.File("long.log", "2026-11-20T10:00:00.000Z [ERROR] term=POS-0001 tickets: " + new string('x', 2000) + "\n" + Lines);

        var (code, stdout, stderr) = await Run("scan", log, "--max-line-length", "1024", "--json");
        var (emitCode, emitted, _) = await Run("scan", log, "--max-line-length", "1024", "--emit", "lines");

        Assert.True(code == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(1, json.GetProperty("overLongLines").GetInt64());
        Assert.Equal(1, json.GetProperty("firstOverLong")[0].GetProperty("line").GetInt64());
        Assert.Equal(0, json.GetProperty("malformedLines").GetInt64());
        Assert.Equal(1, json.GetProperty("kinds").GetProperty("fail").GetInt64());
        Assert.Equal(0, json.GetProperty("kinds").GetProperty("error").GetInt64());
        Assert.Contains($"1 over-long line(s) (longer than --max-line-length) skipped, not counted as entries; first at {log}:1.", stderr, StringComparison.Ordinal);
        Assert.Equal(0, emitCode);
        Assert.Equal(2, emitted.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("xxxx", emitted, StringComparison.Ordinal);
    }

    private static Task<PosFleetProcess.Result> Run(params string[] args) => PosFleetProcess.RunAsync(new PosFleetProcess.Options(args) { Timeout = Limit });
}
