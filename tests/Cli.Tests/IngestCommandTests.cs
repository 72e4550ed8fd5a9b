using PosFleet.Tests;

namespace PosFleet.Cli.Tests;

public sealed class IngestCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("--batch-size", "0", "LogIngestOptions.BatchSize")]
    [InlineData("--terminal", " ", "LogIngestOptions.Terminal")]
    [InlineData("--organization", "", "LogIngestOptions.Organization")]
    public async Task Ingest_BadOptionValue_OneLineUsageErrorNamingTheFlagAndNoStore(string flag, string value, string option)
    {
        var log = _dir.File("till.log", "2026-11-20T10:00:00.000Z [INFO] tickets: ticket closed\n");
        var db = Path.Combine(_dir.Path, "fleet.db");

        var (code, _, stderr) = await PosFleetProcess.RunAsync("ingest", log, "--store", db, flag, value);

        Assert.Equal(2, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"posfleet: {flag}: {option} is ", line, StringComparison.Ordinal);
        Assert.False(File.Exists(db));
    }
}
