using System.Text.Json;
using PosFleet.Tests;

namespace PosFleet.Cli.Tests.Scan;

/// <summary>
/// <c>posfleet scan</c> tells an input by its first bytes, on standard input as on a file: a byte-order mark is skipped,
/// a compressed stream is read through its decompressor, a binary file is skipped with a one-line note.
/// </summary>
public sealed class ScanInputContentTests : IDisposable
{
    private const string Text = "2026-11-20T10:00:00.000Z [ERROR] term=POS-1 tickets: could not save ticket 7\n"
        + "2026-11-20T10:00:01.000Z [INFO] term=POS-1 tickets: ticket closed\n";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static (long Lines, long Malformed, long Errors) Counts(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        return (root.GetProperty("lines").GetInt64(), root.GetProperty("malformedLines").GetInt64(), root.GetProperty("kinds").GetProperty("error").GetInt64());
    }

    [Fact]
    public async Task Scan_Utf8BomOnStandardInput_FirstLineIsRead()
    {
        var (code, stdout, stderr) = await PosFleetProcess.RunWithInputAsync("\uFEFF" + Text, "scan", "-", "--json");

        Assert.True(code == 0, stderr);
        Assert.Equal((2L, 0L, 1L), Counts(stdout));
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("xz")]
    [InlineData("zstd")]
    [InlineData("bzip2")]
    public async Task Scan_CompressedStandardInput_ReadThroughItsDecompressor(string tool)
    {
        var log = _dir.File("till.log", "\uFEFF" + Text + Text);
        var command = $"{tool} -c -q < '{log}' | exec dotnet '{PosFleetProcess.ToolPath}' scan - --json";

        var (code, stdout, stderr) = await PosFleetProcess.RunAsync(new PosFleetProcess.Options(["-c", command]) { FileName = "sh" });

        Assert.True(code == 0, stderr);
        Assert.Equal((4L, 0L, 2L), Counts(stdout));
    }

    [Fact]
    public async Task Scan_BinaryFileBesideALog_SkippedWithOneLineNoteAndTheLogRead()
    {
        var bytes = new byte[8192];
        new Random(3).NextBytes(bytes);
        "\u007fELF\u0002\u0001\u0001\0"u8.CopyTo(bytes);
        _dir.File("logs/till.log", Text);
        var binary = _dir.File("logs/posd.log.core", bytes);

        var (code, stdout, stderr) = await PosFleetProcess.RunAsync("scan", Path.Combine(_dir.Path, "logs"), "--glob", "*.log*", "--json");

        Assert.True(code == 0, stderr);
        Assert.Equal((2L, 0L, 1L), Counts(stdout));
        Assert.Equal($"posfleet: skipped '{binary}': binary (NUL bytes in its first 4 KiB), not text.", stderr.Trim());
    }
}
