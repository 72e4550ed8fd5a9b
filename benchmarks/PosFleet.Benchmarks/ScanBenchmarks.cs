using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Logs.Scanning;

namespace PosFleet.Benchmarks;

/// <summary>
/// The whole scan of a POS log file (memory-mapped, every core, window of the last 24 hours, classification, templates,
/// counts), at two sizes a hundred times apart: the allocated bytes per scan must not grow with the lines.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ScanBenchmarks
{
    private string _path = "";
    private ServiceProvider _provider = null!;
    private ILogScanner _scanner = null!;
    private LogScanFilter _filter = null!;

    [Params(10_000, 100_000, 1_000_000)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"posfleet-bench-{Lines}.log");
        File.WriteAllBytes(_path, PosLog.Create(Lines));
        // The scanner a host resolves: one AddPosFleet, one provider, the options validated first.
        var services = new ServiceCollection();
        services.AddPosFleet();
        _provider = services.BuildServiceProvider();
        _provider.ValidatePosFleetOptions();
        _scanner = _provider.GetRequiredService<ILogScanner>();
        _filter = new LogScanFilter { From = PosLog.End.AddHours(-24) };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider.Dispose();
        File.Delete(_path);
    }

    [Benchmark]
    public async Task<long> Scan() => (await _scanner.ScanAsync(new LogScanRequest { Inputs = [_path], Filter = _filter }).ConfigureAwait(false)).SelectedLines;
}
