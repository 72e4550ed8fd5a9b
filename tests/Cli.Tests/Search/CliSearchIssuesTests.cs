namespace PosFleet.Cli.Tests.Search;

/// <summary><c>posfleet search</c> and store paths: regressions found in review.</summary>
public sealed class CliSearchIssuesTests : IDisposable
{
    private const string Line = "2026-11-20T10:00:01.000Z [ERROR] term=POS-0001 org=ACME printer: paper out\n";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Search_TextWithoutAWord_UsageErrorExitCode2()
    {
        var db = Path.Combine(_dir.Path, "fleet.db");
        var (ingested, _, ingestError) = await PosFleetProcess.RunAsync("ingest", _dir.File("till.log", Line), "--store", db);

        var (code, _, error) = await PosFleetProcess.RunAsync("search", "--store", db, "!!!");

        Assert.True(ingested == 0, ingestError);
        Assert.Equal(2, code);
        Assert.Contains("no word to search", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAndSearch_StorePathWithSemicolon_Works()
    {
        var db = Path.Combine(_dir.Path, "a;Mode=ReadOnly;b", "fleet.db");
        Directory.CreateDirectory(Path.GetDirectoryName(db)!);

        var (ingested, _, ingestError) = await PosFleetProcess.RunAsync("ingest", _dir.File("till.log", Line), "--store", db);
        var (code, output, error) = await PosFleetProcess.RunAsync("search", "--store", db, "paper");

        Assert.True(ingested == 0, ingestError);
        Assert.True(code == 0, error);
        Assert.Contains("paper out", output, StringComparison.Ordinal);
        Assert.True(File.Exists(db));
    }
}
