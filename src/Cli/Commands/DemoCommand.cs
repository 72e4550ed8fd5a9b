using System.CommandLine;
using PosFleet.Cli.Demo;
using PosFleet.Cli.Output;
using PosFleet.Logs.Scanning;

namespace PosFleet.Cli.Commands;

/// <summary><c>posfleet demo</c>: the one-command tour — generate a fleet log, scan it, print what was found.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var directory = new Option<DirectoryInfo>("--dir") { Description = "Where the demo writes its files.", DefaultValueFactory = _ => new DirectoryInfo("posfleet-demo") };
        var size = new Option<string>("--size") { Description = "Size of the generated fleet log.", DefaultValueFactory = _ => "50MB" };
        var command = new Command("demo", "Generate a realistic three-day fleet log, scan it and print the summary.") { directory, size };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dir = parse.GetValue(directory)!;
            dir.Create();
            if (!GenerateCommand.TryParseSize(parse.GetValue(size)!, out var bytes))
            {
                return ScanCommand.Fail(ExitCodes.Usage, $"--size '{parse.GetValue(size)}' is not a size: use a number and a unit, such as 50MB.");
            }

            var log = Path.Combine(dir.FullName, "fleet.log");
            var end = GenerateCommand.DefaultEnd;
            Console.WriteLine($"Generating a three-day log of 400 terminals in 60 organizations: {log}");
            await using (var stream = new FileStream(log, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                new FleetLogGenerator(seed: 42).Write(stream, bytes, end, days: 3);
            }

            var scanner = new LogScanner(new LogScanOptions());
            Console.WriteLine($"Scanning the last 24 hours of it (as of {end:u}), errors of every kind:");
            Console.WriteLine();
            using var progress = ConsoleProgress.StartIfInteractive();
            var summary = await scanner.ScanAsync([log], new LogScanFilter { From = end.AddHours(-24) }, progress, cancellationToken);
            SummaryTable.Write(summary, 10, Console.Out);
            return ExitCodes.Success;
        });
        return command;
    }
}
