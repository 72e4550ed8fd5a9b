using PosFleet.Cli.Commands;

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
    public void RenderNowhere_FilesUnderTheThreshold_NoSample()
    {
        var small = Write("small.log", 1000);
        var under = Write("under.log", ScanCommand.SampleWorthwhile - 1001);

        Assert.Null(ScanCommand.RenderNowhere([small, under], json: true));
        Assert.Null(ScanCommand.RenderNowhere([], json: false));
    }

    [Fact]
    public void RenderNowhere_FilesAtTheThresholdTogether_ASample()
    {
        var first = Write("a.log", ScanCommand.SampleWorthwhile / 2);
        var second = Write("b.log", ScanCommand.SampleWorthwhile / 2);

        Assert.NotNull(ScanCommand.RenderNowhere([first, second], json: true));
    }

    [Fact]
    public void RenderNowhere_ADirectoryOrStandardInput_ASample()
    {
        Assert.NotNull(ScanCommand.RenderNowhere([_directory.FullName], json: false));
        Assert.NotNull(ScanCommand.RenderNowhere(["-"], json: true));
    }

    [Fact]
    public void RenderNowhere_OptionsValuesAndMissingNames_CountAsNothing()
    {
        var small = Write("small.log", 10);

        Assert.Null(ScanCommand.RenderNowhere(["--json", "--from", "2026-11-20T00:00:00Z", Path.Combine(_directory.FullName, "gone.log"), "\0bad", small], json: true));
    }

    private string Write(string name, long bytes)
    {
        var path = Path.Combine(_directory.FullName, name);
        using var file = File.Create(path);
        file.SetLength(bytes);
        return path;
    }
}
