using System.Diagnostics;

namespace PosFleet.Cli.Tests.Ingest;

/// <summary>
/// Nothing lost, nothing twice: <c>posfleet ingest</c> killed with SIGKILL at random points while it ingests a large
/// log, then run again, ends with exactly the database an uninterrupted ingest makes.
/// </summary>
/// <remarks>
/// The kills land at random instants within the time an ingest takes, measured once: the test runs alone, after the
/// others, so that tests running beside it do not slow its ingests past every kill.
/// </remarks>
[Collection(nameof(IngestKillTests))]
public sealed class IngestKillTests : IClassFixture<IngestKillTests.LargeLog>
{
    private const int Runs = 20;
    private readonly LargeLog _log;

    public IngestKillTests(LargeLog log) => _log = log;

    /// <summary>
    /// Two databases, each ingested through ten SIGKILLs at random points and then to the end. After every kill the
    /// database must hold exactly the reference's entries up to its checkpoint (nothing lost, nothing twice, nothing
    /// past the checkpoint); after the last run, exactly the reference's database.
    /// </summary>
    [Fact]
    public async Task Ingest_KilledAtRandomPointsThenRerun_SameRowsAsUninterruptedIngest()
    {
        const int Chains = 2;
        var random = new Random(20261120);
        var killedMidway = 0;
        var checkpoints = new List<long>();
        for (var chain = 0; chain < Chains; chain++)
        {
            var db = Path.Combine(_log.Directory.Path, $"killed-{chain}.db");
            for (var k = 0; k < Runs / Chains; k++)
            {
                var delay = TimeSpan.FromMilliseconds(random.Next(150, (int)Math.Max(300, _log.IngestTime.TotalMilliseconds * 0.18)));
                using var process = PosFleetProcess.Start("ingest", _log.Path, "--store", db, "--batch-size", "2000");
                if (!await process.TryWaitForExitAsync(delay))
                {
                    await process.SignalAsync(PosFleetProcess.Signal.Kill); // no handler runs, no transaction finishes.
                    await process.WaitForExitAsync();
                    killedMidway++;
                }

                var line = StoreSignature.CheckpointLine(db);
                checkpoints.Add(line);
                if (line > 0)
                {
                    var partial = StoreSignature.Read(db, line);
                    Assert.Equal(partial.Rows, partial.DistinctPositions);
                    Assert.Equal(StoreSignature.Read(_log.ReferencePath, line), partial);
                    Assert.Equal(partial.Rows, StoreSignature.Read(db).Rows); // nothing stored past the checkpoint
                }
            }

            var (code, _, error) = await PosFleetProcess.RunAsync("ingest", _log.Path, "--store", db, "--batch-size", "2000");
            Assert.True(code == 0, $"chain {chain}: exit {code}: {error}");
            var signature = StoreSignature.Read(db);
            Assert.Equal(signature.Rows, signature.DistinctPositions);
            Assert.Equal(_log.Reference, signature);
        }

        // The test is meaningless if the kills all came after the ingests had finished, or before they committed anything.
        Assert.True(killedMidway >= Runs / 2, $"only {killedMidway} kills hit a running ingest");
        Assert.True(checkpoints.Distinct().Count() >= Runs / 2, $"the kills stopped the ingests at only a few places: {string.Join(", ", checkpoints)}");
    }

    /// <summary>A 30 MB generated log and the database of its uninterrupted ingest, made once for the class.</summary>
    public sealed class LargeLog : IAsyncLifetime
    {
        public TempDirectory Directory { get; } = new();

        public string Path => System.IO.Path.Combine(Directory.Path, "fleet.log");

        public StoreSignature Reference { get; private set; } = null!;

        public string ReferencePath => System.IO.Path.Combine(Directory.Path, "reference.db");

        public TimeSpan IngestTime { get; private set; }

        public async Task InitializeAsync()
        {
            var size = Environment.GetEnvironmentVariable("POSFLEET_KILL_TEST_SIZE") ?? "30MB";
            var (code, _, error) = await PosFleetProcess.RunAsync("generate", "-o", Path, "--size", size);
            Assert.True(code == 0, error);
            var db = ReferencePath;
            var clock = Stopwatch.StartNew();
            (code, _, error) = await PosFleetProcess.RunAsync("ingest", Path, "--store", db, "--batch-size", "2000");
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

/// <summary>The collection of <see cref="IngestKillTests"/>: run alone, never beside another test.</summary>
[CollectionDefinition(nameof(IngestKillTests), DisableParallelization = true)]
public sealed class IngestKillCollection;
