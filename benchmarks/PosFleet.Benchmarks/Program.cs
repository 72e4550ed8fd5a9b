using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/PosFleet.Benchmarks -- --filter '*'
// Exits with 1 where a benchmark failed (it threw or measured nothing), where one did not validate, or where nothing
// ran although benchmarks were asked for, so that a run with `--job dry` (as .ci/run makes) fails when one does.
var summaries = BenchmarkSwitcher.FromAssembly(typeof(PosFleet.Benchmarks.ScanBenchmarks).Assembly).Run(args).ToList();
var informational = args.Any(a =>
    a is "-h" or "--help" or "--info" or "--version" || a.StartsWith("--list", StringComparison.Ordinal));
var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success))
    || (summaries.Count == 0 && args.Length > 0 && !informational);
return failed ? 1 : 0;
