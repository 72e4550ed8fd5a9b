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
    public async Task Search_TextOf17000Words_UsageErrorExitCode2NamingTheLimit()
    {
        var db = Path.Combine(_dir.Path, "fleet.db");
        var (ingested, _, ingestError) = await PosFleetProcess.RunAsync("ingest", _dir.File("till.log", Line), "--store", db);
        var text = string.Join(' ', Enumerable.Range(0, 17_000).Select(i => $"w{i % 1000:000}"));

        var (code, output, error) = await PosFleetProcess.RunAsync("search", "--store", db, text);

        Assert.True(ingested == 0, ingestError);
        Assert.True(text.Length > 80_000);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("at most 1,024 bytes", error, StringComparison.Ordinal);
        Assert.True(error.Length < 1000, error);
    }

    [Theory]
    [InlineData("--ref")]
    [InlineData("--terminal")]
    [InlineData("--organization")]
    public async Task Search_FilterOf300Characters_UsageErrorExitCode2NamingTheLimit(string option)
    {
        var db = Path.Combine(_dir.Path, "fleet.db");
        var (ingested, _, ingestError) = await PosFleetProcess.RunAsync("ingest", _dir.File("till.log", Line), "--store", db);

        var (code, _, error) = await PosFleetProcess.RunAsync("search", "--store", db, "paper", option, new string('T', 300));

        Assert.True(ingested == 0, ingestError);
        Assert.Equal(2, code);
        Assert.Contains("at most 256 are accepted", error, StringComparison.Ordinal);
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
