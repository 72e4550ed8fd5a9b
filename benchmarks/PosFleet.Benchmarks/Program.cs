using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/PosFleet.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(PosFleet.Benchmarks.ScanBenchmarks).Assembly).Run(args);
