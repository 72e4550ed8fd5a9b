using System.Diagnostics;

namespace PosFleet.Connectors.Sqlite.Tests.Cli;

/// <summary>
/// Nothing lost, nothing twice: <c>posfleet ingest</c> killed with SIGKILL at random points while it ingests a large
/// log, then run again, ends with exactly the database an uninterrupted ingest makes.
/// </summary>
public sealed class IngestKillTests : IClassFixture<IngestKillTests.LargeLog>
{
    private const int Runs = 20;
    private readonly LargeLog _log;

    public IngestKillTests(LargeLog log) => _log = log;

    [Fact]
    public async Task Ingest_KilledAtRandomPointsThenRerun_SameRowsAsUninterruptedIngest()
    {
        var random = new Random(20261120);
        var killedMidway = 0;
        for (var run = 0; run < Runs; run++)
        {
            var db = Path.Combine(_log.Directory.Path, $"killed-{run}.db");

            // Kill once or twice at a random point of the ingest (the first run of each pair may also be killed while it starts).
            var kills = 1 + random.Next(2);
            for (var k = 0; k < kills; k++)
            {
                var delay = TimeSpan.FromMilliseconds(random.Next(100, (int)Math.Max(200, _log.IngestTime.TotalMilliseconds * 0.9)));
                using var process = PosfleetProcess.Start("ingest", _log.Path, "--store", db, "--batch-size", "2000");
                var exited = process.WaitForExit(delay);
                if (!exited)
                {
                    process.Kill(); // SIGKILL on Unix: no handler runs, no transaction finishes.
                    await process.WaitForExitAsync();
                    killedMidway++;
                }
            }

            var (code, _, error) = await PosfleetProcess.RunAsync("ingest", _log.Path, "--store", db, "--batch-size", "2000");
            Assert.True(code == 0, $"run {run}: exit {code}: {error}");
            var signature = StoreSignature.Read(db);
            Assert.Equal(signature.Rows, signature.DistinctPositions);
            Assert.Equal(_log.Reference, signature);
            File.Delete(db);
        }

        // The test is meaningless if the kills all came after the ingests had finished.
        Assert.True(killedMidway >= Runs / 2, $"only {killedMidway} kills hit a running ingest");
    }

    /// <summary>A 30 MB generated log and the database of its uninterrupted ingest, made once for the class.</summary>
    public sealed class LargeLog : IAsyncLifetime
    {
        public TempDirectory Directory { get; } = new();

        public string Path => System.IO.Path.Combine(Directory.Path, "fleet.log");

        public StoreSignature Reference { get; private set; } = null!;

        public TimeSpan IngestTime { get; private set; }

        public async Task InitializeAsync()
        {
            var size = Environment.GetEnvironmentVariable("POSFLEET_KILL_TEST_SIZE") ?? "30MB";
            var (code, _, error) = await PosfleetProcess.RunAsync("generate", "-o", Path, "--size", size);
            Assert.True(code == 0, error);
            var db = System.IO.Path.Combine(Directory.Path, "reference.db");
            var clock = Stopwatch.StartNew();
            (code, _, error) = await PosfleetProcess.RunAsync("ingest", Path, "--store", db, "--batch-size", "2000");
            IngestTime = clock.Elapsed;
            Assert.True(code == 0, error);
            Reference = StoreSignature.Read(db);
            Assert.True(Reference.Rows > 100_000, $"the reference ingest stored only {Reference.Rows} rows");
        }

        public Task DisposeAsync()
        {
            Directory.Dispose();
            return Task.CompletedTask;
        }
    }
}
