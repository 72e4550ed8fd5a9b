using PosFleet.Logs.Storage;

namespace PosFleet.Tests.Logs.Ingest;

/// <summary>Paths given as file-name patterns, as a host configures <c>AddLogIngest</c> with <c>/var/log/pos/till-*.log</c>.</summary>
public sealed class LogIngestPatternTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly InMemoryLogStore _store = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task IngestAsync_FileNamePattern_ReadsTheMatchingFilesOfThatDirectoryIncludingNewOnes()
    {
        _dir.File("till-1.log", Line(1));
        _dir.File("till-2.log", Line(2));
        _dir.File("server.log", Line(3));
        var ingester = TestLogs.Ingester(_store);
        var pattern = Path.Combine(_dir.Path, "till-*.log");

        var first = await ingester.IngestAsync([pattern]);
        _dir.File("till-3.log", Line(4));
        var second = await ingester.IngestAsync([pattern]);

        Assert.Equal(["till-1.log", "till-2.log"], first.Sources.Select(s => Path.GetFileName(s.Source)).Order(StringComparer.Ordinal));
        Assert.Equal((2L, 0), (first.NewEntries, first.Errors.Count));
        Assert.Equal(1, second.NewEntries);
        Assert.Equal("till-3.log", Path.GetFileName(Assert.Single(second.Sources, s => s.NewEntries > 0).Source));
    }

    [Fact]
    public async Task IngestAsync_PatternMatchingNothing_ReportedAsAnUnreadableInput()
    {
        var pattern = Path.Combine(_dir.Path, "till-*.log");

        var summary = await TestLogs.Ingester(_store).IngestAsync([pattern]);

        Assert.Equal($"No file matches '{pattern}'.", Assert.Single(summary.Errors).Message);
        Assert.Empty(summary.Sources);
    }

    private static string Line(int i) => $"2026-11-20T10:00:0{i}.000Z [ERROR] term=POS-000{i} printer: paper out\n";
}
