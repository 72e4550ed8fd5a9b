using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/PosFleet.Benchmarks -- --filter '*'
// Exits with 1 where a benchmark failed (it threw or measured nothing), where one did not validate, or where a filter
// matched none: a check that runs the suite once (`--job dry`, as .ci/run does) then fails with it.
var summaries = BenchmarkSwitcher.FromAssembly(typeof(PosFleet.Benchmarks.ScanBenchmarks).Assembly).Run(args).ToList();
var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success))
    || (summaries.Count == 0 && args.Contains("--filter") && !args.Contains("--list"));
return failed ? 1 : 0;
