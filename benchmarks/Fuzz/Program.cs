using System.Globalization;
using CsCheck;
using PosFleet.Fuzz;

// posfleet-fuzz: runs the fuzz targets for a while and keeps what breaks them.
//   PosFleet.Fuzz --corpus DIR [--target lines|rules|all] [--seconds N] [--threads N] [--slow SECONDS] [--hang SECONDS]
// Each target first replays its corpus (DIR/<target>/), then tries generated inputs for N seconds (0: replay only).
// A failing input is shrunk and written to DIR/<target>/ as found-<hash>.<ext>; the exit code is 1 when one was found.
var corpus = Option("--corpus") ?? throw new ArgumentException("--corpus DIR is required");
var seconds = int.Parse(Option("--seconds") ?? "60", CultureInfo.InvariantCulture);
var threads = int.Parse(Option("--threads") ?? "1", CultureInfo.InvariantCulture);
var slow = TimeSpan.FromSeconds(double.Parse(Option("--slow") ?? "2", CultureInfo.InvariantCulture));
var hang = TimeSpan.FromSeconds(double.Parse(Option("--hang") ?? "30", CultureInfo.InvariantCulture));
var which = Option("--target") ?? "all";

var work = Directory.CreateTempSubdirectory("posfleet-fuzz-").FullName;
try
{
    FuzzTarget[] targets =
    [
        new("lines", "log", Inputs.Lines, input => LineTarget.Check(input, work)),
        new("rules", "json", Inputs.Rules, input => RulesTarget.Check(input, work)),
    ];

    var found = 0;
    foreach (var target in targets.Where(t => which == "all" || which == t.Name))
    {
        var run = new FuzzRun(target, Path.Combine(corpus, target.Name), slow, hang);
        var seeds = run.ReplayCorpus();
        if (seconds > 0)
        {
            target.Generator(seeds).Sample(input => run.Try(input), writeLine: null, time: seconds, threads: threads);
        }

        found += run.Report(seconds, threads);
    }

    return found == 0 ? 0 : 1;
}
finally
{
    Directory.Delete(work, recursive: true);
}

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
