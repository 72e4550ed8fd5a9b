using System.CommandLine;
using PosFleet.Cli.Demo;
using PosFleet.Cli.Output;
using PosFleet.Logs;
using PosFleet.Logs.Ingest;
using PosFleet.Logs.Scanning;
using PosFleet.Logs.Storage;

namespace PosFleet.Cli.Commands;

/// <summary><c>posfleet demo</c>: the one-command tour — generate a fleet log, scan it, print what was found.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var directory = new Option<DirectoryInfo>("--dir") { Description = "Where the demo writes its files.", DefaultValueFactory = _ => new DirectoryInfo("posfleet-demo") };
        var size = new Option<string>("--size") { Description = "Size of the generated fleet log.", DefaultValueFactory = _ => "50MB" };
        var command = new Command("demo", "Generate a realistic three-day fleet log, scan it, ingest it into a SQLite store, and print the summary, the 48-hour dashboard and a search.") { directory, size };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await RunAsync(parse, directory, size, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ScanCommand.Fail(ExitCodes.Canceled, "interrupted: the demo stopped before its end.");
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, Option<DirectoryInfo> directory, Option<string> size, CancellationToken cancellationToken)
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
            new FleetLogGenerator(seed: 42).Write(stream, bytes, end, days: 3, cancellationToken);
        }

        // The same log in a store, as a back office keeps it: the 48-hour dashboard and a search of the reports.
        var db = Path.Combine(dir.FullName, "fleet.db");
        foreach (var file in new[] { db, db + "-wal", db + "-shm" })
        {
            File.Delete(file);
        }

        // One container for the whole demo, as a back office composes it: the store, the scanner, the digests and the
        // pickup folder; its clock stands at the end of the generated log, so "the last 24 hours" are the log's.
        var mail = DemoDigests.PrepareMailFolder(dir);
        var (access, code) = StoreAccess.Open(new FileInfo(db), create: true, b => DemoDigests.Register(b, mail, end));
        if (access is null)
        {
            return code;
        }

        await using (access)
        {
            Console.WriteLine($"Scanning the last 24 hours of it (as of {end:u}), errors of every kind:");
            Console.WriteLine();
            using (var progress = ConsoleProgress.StartIfInteractive())
            {
                var summary = await access.Scanner.ScanAsync(
                    new LogScanRequest { Inputs = [log], Filter = new LogScanFilter { From = end.AddHours(-24) }, Progress = progress }, cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                SummaryTable.Write(summary, 10, Console.Out);
            }

            Console.WriteLine($"Ingesting it into {db}:");
            code = await IngestCommand.RunAsync(access, [log], new LogIngestOptions(), Console.Out, cancellationToken);
            if (code != ExitCodes.Success)
            {
                return code;
            }

            Console.WriteLine();
            StoreTable.WriteDashboard(await Dashboard.LoadAsync(access.Dashboard, end.AddTicks(-1), 48, 5, null, null, cancellationToken), Console.Out);
            Console.WriteLine();
            Console.WriteLine($"posfleet search --store {db} printer --severity error --limit 5:");
            var page = await access.Store.QueryAsync(
                new LogQuery { Text = "printer", Severities = new HashSet<LogSeverity> { LogSeverity.Error }, Limit = 5 }, cancellationToken);
            StoreTable.WritePage(page, Console.Out);
            Console.WriteLine();
            code = await DemoDigests.RunAsync(access, mail, new FileInfo(db), Console.Out, cancellationToken);
            Console.WriteLine();
            return code != ExitCodes.Success ? code : await SyncDemo.RunAsync(dir, Console.Out, cancellationToken);
        }
    }
}
