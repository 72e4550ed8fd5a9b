using System.Runtime.Intrinsics.X86;

namespace PosFleet.Cli.Tests.Scan;

/// <summary>
/// The scan takes other code paths on other processors: 512-bit or 256-bit steps where the processor has them, 128-bit
/// ones on an x86-64-v2 processor (SSSE3, no AVX2) and on arm64, and scalar code without vector instructions. The JIT
/// build is told to leave extensions unused (<c>DOTNET_EnableAVX2=0</c>, <c>DOTNET_EnableHWIntrinsic=0</c>), as a
/// processor without them would, and each scan must write, byte for byte, what it writes with every extension this
/// processor has: a generated POS log (every line, and its last 24 hours, where the paths for plain lines are taken) and
/// logs of many layouts.
/// </summary>
public sealed class ScanInstructionSetsTests : IClassFixture<ScanInstructionSetsTests.Logs>
{
    private readonly Logs _logs;

    public ScanInstructionSetsTests(Logs logs) => _logs = logs;

    /// <summary>
    /// Without AVX2 (on a processor that has it: elsewhere the run would compare the same paths), and without any vector
    /// instruction.
    /// </summary>
    public static TheoryData<string, string> Levels
    {
        get
        {
            var levels = new TheoryData<string, string>();
            if (Avx2.IsSupported)
            {
                levels.Add("DOTNET_EnableAVX2", "0");
            }

            levels.Add("DOTNET_EnableHWIntrinsic", "0");
            return levels;
        }
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task Scan_WithoutAnExtension_WritesWhatItWritesWithEveryOne(string variable, string value)
    {
        var corpus = Path.Combine(AppContext.BaseDirectory, "ScanCorpus");
        Assert.True(System.IO.Directory.EnumerateFiles(corpus, "*.log", SearchOption.AllDirectories).Count() > 50, "the corpus of layouts is copied beside the tests");
        string[][] scans =
        [
            ["scan", _logs.Pos, "--from", "1970-01-01T00:00:00Z", "--to", "2100-01-01T00:00:00Z", "--top", "5", "--json"],
            ["scan", _logs.Pos, "--since", "24h", "--as-of", "2026-11-20T00:00:00Z", "--top", "5", "--json"],
            ["scan", _logs.Pos, "--kinds", "offline", "--top", "5", "--json"],
            ["scan", corpus, "--top", "1000", "--json"],
            ["scan", corpus, "--emit", "lines"],
        ];

        foreach (var scan in scans)
        {
            // The corpus holds files that cannot be read (an empty one, binary ones): they are reported, and the exit code
            // says so; the others are scanned.
            var reference = await PosFleetProcess.RunAsync(scan);
            Assert.True(reference.ExitCode == 0 || scan[1] == corpus, reference.Stderr);
            Assert.Contains("\"kind\"", reference.Stdout, StringComparison.Ordinal);
            var without = await PosFleetProcess.RunAsync(new PosFleetProcess.Options(scan)
            {
                Environment = new Dictionary<string, string?> { [variable] = value },
            });

            var what = $"{variable}={value} posfleet {string.Join(' ', scan)}";
            Assert.True(reference.ExitCode == without.ExitCode, $"{what}: exit {without.ExitCode}, {reference.ExitCode} with every extension: {without.Stderr}");
            Assert.True(reference.Stdout == without.Stdout, $"{what}: the output differs from the one with every extension");
            Assert.Equal(reference.Stderr, without.Stderr);
        }
    }

    /// <summary>A generated POS log of 8 MB, made once for the class.</summary>
    public sealed class Logs : IAsyncLifetime
    {
        public TempDirectory Directory { get; } = new();

        public string Pos => Path.Combine(Directory.Path, "pos.log");

        public async Task InitializeAsync()
        {
            var (code, _, stderr) = await PosFleetProcess.RunAsync("generate", "-o", Pos, "--size", "8MB", "--seed", "7");
            Assert.True(code == 0, stderr);
        }

        public Task DisposeAsync()
        {
            Directory.Dispose();
            return Task.CompletedTask;
        }
    }
}
