using System.IO.Compression;

namespace PosFleet.Cli.Tests.Ingest;

/// <summary><c>posfleet ingest</c> on a directory holding rotated copies, and on compressed files.</summary>
public sealed class IngestDirectoryTests : IDisposable
{
    private const string Line = "2026-11-20T10:00:01.000Z [ERROR] term=POS-0001 org=ACME printer: paper out\n";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Ingest_DirectoryWithRotatedAndCompressedCopies_ReadsOnlyTheLogAndSucceeds()
    {
        var logs = Path.Combine(_dir.Path, "logs");
        _dir.File("logs/till.log", Line);
        _dir.File("logs/till.log.1", Line + Line);
        var gz = Gzip(Path.Combine(logs, "till.log.2.gz"));
        var db = Path.Combine(_dir.Path, "fleet.db");

        var (code, output, error) = await PosFleetProcess.RunAsync("ingest", logs, "--store", db);
        var (explicitCode, _, explicitError) = await PosFleetProcess.RunAsync("ingest", gz, "--store", db);

        Assert.True(code == 0, error);
        Assert.Contains("1 new entries stored", output, StringComparison.Ordinal);
        Assert.Equal(0, explicitCode);
        var warning = Assert.Single(explicitError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("till.log.2.gz", warning, StringComparison.Ordinal);
        Assert.Contains("compressed files are not ingested; scan them with posfleet scan", warning, StringComparison.Ordinal);
    }

    private static string Gzip(string path)
    {
        using var file = File.Create(path);
        using var zip = new GZipStream(file, CompressionLevel.Fastest);
        zip.Write(System.Text.Encoding.UTF8.GetBytes(Line));
        return path;
    }
}
