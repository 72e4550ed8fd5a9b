using PosFleet.Tests;

namespace PosFleet.Cli.Tests.Ingest;

/// <summary>
/// <c>posfleet ingest</c> on directories with symbolic-link loops and FIFOs, and on over-long lines. Each run has a short
/// time limit: an ingest that loops or blocks on a FIFO fails instead of stalling the test run.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class IngestWalkTests : IDisposable
{
    private const string Lines = """
        2026-11-20T10:00:01.000Z [ERROR] term=POS-0001 org=ACME printer: paper out
        2026-11-20T10:00:02.000Z [INFO] term=POS-0001 org=ACME tickets: ticket closed

        """;

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Db => Path.Combine(_dir.Path, "fleet.db");

    [Fact]
    public async Task Ingest_DirectoryWithTwoSymlinkLoops_StoresEachLineOnceAndSaysWhatWasSkipped()
    {
        var root = Path.Combine(_dir.Path, "DIR");
        var log = _dir.File("DIR/a.log", Lines);
        File.CreateSymbolicLink(Path.Combine(root, "self"), "../DIR");
        File.CreateSymbolicLink(Path.Combine(root, "again"), "../DIR");
        File.CreateSymbolicLink(Path.Combine(root, "b.log"), "a.log");

        var (code, stdout, stderr) = await Run("ingest", root, "--store", Db);

        Assert.True(code == 0, stderr);
        Assert.Contains("Ingested 1 source(s): 2 new lines read, 2 new entries stored", stdout, StringComparison.Ordinal);
        Assert.Contains($"posfleet: warning: skipped '{Path.Combine(root, "b.log")}': already read as '{log}'.", stderr, StringComparison.Ordinal);
        Assert.Contains($"posfleet: warning: skipped '{Path.Combine(root, "self")}': symlink loop (back to '{root}').", stderr, StringComparison.Ordinal);
        Assert.Contains($"posfleet: warning: skipped '{Path.Combine(root, "again")}': symlink loop", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_FifoWithoutWriterInADirectory_FinishesAndSkipsItWithANote()
    {
        var root = Path.Combine(_dir.Path, "DIR");
        _dir.File("DIR/a.log", Lines);
        var fifo = TestFiles.Fifo(Path.Combine(root, "pipe.log"));

        var (code, stdout, stderr) = await Run("ingest", root, "--store", Db);

        Assert.True(code == 0, stderr);
        Assert.Contains("2 new entries stored", stdout, StringComparison.Ordinal);
        Assert.Equal($"posfleet: warning: skipped '{fifo}': a FIFO (named pipe), not a regular file.", stderr.Trim());
    }

    [Fact]
    public async Task Ingest_FifoNamedOnTheCommandLine_ExitsThreeWithAClearErrorAndNoStackTrace()
    {
        var fifo = TestFiles.Fifo(Path.Combine(_dir.Path, "fifo.log"));

        var (code, _, stderr) = await Run("ingest", fifo, "--store", Db);

        Assert.Equal(3, code);
        Assert.Contains($"posfleet: The file '{fifo}' is not read: it is a FIFO (named pipe), not a regular file", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_LineLongerThanTheMaximum_NotStoredAndReportedAsOverLong()
    {
        // The default maximum is 64 KiB.
        var log = _dir.File("long.log", Lines + "2026-11-20T10:00:03.000Z [ERROR] term=POS-0001 tickets: " + new string('x', 70 * 1024) + "\n" + Lines);

        var (code, stdout, stderr) = await Run("ingest", log, "--store", Db);
        var (searchCode, found, _) = await Run("search", "--store", Db, "--json", "--limit", "100", "--since", "48h", "--as-of", "2026-11-21T00:00:00Z");

        Assert.True(code == 0, stderr);
        Assert.Contains("5 new lines read, 4 new entries stored, 0 malformed", stdout, StringComparison.Ordinal);
        Assert.Contains($"Skipped 1 over-long line(s), not stored; first at {log}:3.", stdout, StringComparison.Ordinal);
        Assert.Equal(0, searchCode);
        Assert.Contains("paper out", found, StringComparison.Ordinal);
        Assert.DoesNotContain("xxxx", found, StringComparison.Ordinal);
    }

    private static Task<PosFleetProcess.Result> Run(params string[] args) => PosFleetProcess.RunAsync(new PosFleetProcess.Options(args) { Timeout = Limit });
}
