using Microsoft.Extensions.DependencyInjection;
using PosFleet.Cli.Commands;
using PosFleet.Logs;
using PosFleet.Logs.Scanning;

namespace PosFleet.Cli.Tests.Scan;

/// <summary>
/// Whether a scan's warm-up reads its sample (a renderer given) or not: only where the inputs named are large enough to be
/// read by several workers, or cannot be measured.
/// </summary>
public sealed class ScanWarmUpRenderTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("posfleet-warmup-render-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void WorthASample_FilesUnderTheThreshold_No()
    {
        var small = Write("small.log", 1000);
        var under = Write("under.log", ScanCommand.SampleWorthwhile - 1001);

        Assert.False(ScanCommand.WorthASample([small, under]));
        Assert.False(ScanCommand.WorthASample([]));
    }

    [Fact]
    public void WorthASample_FilesAtTheThresholdTogether_Yes()
    {
        var first = Write("a.log", ScanCommand.SampleWorthwhile / 2);
        var second = Write("b.log", ScanCommand.SampleWorthwhile / 2);

        Assert.True(ScanCommand.WorthASample([first, second]));
    }

    [Fact]
    public void WorthASample_ADirectoryOrStandardInput_Yes()
    {
        Assert.True(ScanCommand.WorthASample([_directory.FullName]));
        Assert.True(ScanCommand.WorthASample(["-"]));
    }

    [Fact]
    public void WorthASample_OptionsValuesAndMissingNames_CountAsNothing()
    {
        var small = Write("small.log", 10);

        Assert.False(ScanCommand.WorthASample(["--json", "--from", "2026-11-20T00:00:00Z", Path.Combine(_directory.FullName, "gone.log"), "\0bad", small]));
    }

    [Fact]
    public void SampleAs_ReadsTheCommandLine_JsonTableOrNone()
    {
        var large = Write("large.log", ScanCommand.SampleWorthwhile);
        var small = Write("small.log", 10);

        Assert.True(ScanCommand.SampleAs(["scan", large, "--json"]));
        Assert.True(ScanCommand.SampleAs(["scan", "--json=true", large]));
        Assert.True(ScanCommand.SampleAs(["scan", large, "--json:true"]));
        Assert.False(ScanCommand.SampleAs(["scan", large]));
        Assert.False(ScanCommand.SampleAs(["scan", large, "--jsonl"]));
        Assert.Null(ScanCommand.SampleAs(["scan", large, "--json", "--emit", "lines"]));
        Assert.Null(ScanCommand.SampleAs(["scan", large, "--emit=lines"]));
        Assert.Null(ScanCommand.SampleAs(["scan", small, "--json"]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RenderNowhere_WritesARealSummaryWithoutFailing(bool json)
    {
        // The warm-up swallows what its renderer throws: a renderer that fails would lose the gain without a word.
        var log = Path.Combine(_directory.FullName, "pos.log");
        await File.WriteAllTextAsync(
            log,
            string.Concat(Enumerable.Range(0, 40).Select(i =>
                $"2026-11-20T08:00:{i:00}.000Z [{(i % 2 == 0 ? "ERROR" : "INFO")}] term=POS-{i:0000} org=acme-001 tickets: could not save ticket ref=T-{i}: database is locked\n")));
        using var services = new ServiceCollection().AddPosFleet().AddLogs().Services.BuildServiceProvider();
        var summary = await services.GetRequiredService<ILogScanner>().ScanAsync(new LogScanRequest { Inputs = [log] });
        var render = ScanCommand.RenderNowhere(json);

        render(summary);

        Assert.Equal(40, summary.Terminals.Count);
    }

    private string Write(string name, long bytes)
    {
        var path = Path.Combine(_directory.FullName, name);
        using var file = File.Create(path);
        file.SetLength(bytes);
        return path;
    }
}
