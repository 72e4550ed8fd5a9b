using System.CommandLine;
using PosFleet.Cli.Commands;
using PosFleet.Cli.Sync;

var root = new RootCommand("posfleet: run a fleet of point-of-sale terminals from a back office.")
{
    ScanCommand.Create(),
    GenerateCommand.Create(),
    DemoCommand.Create(),
    IngestCommand.Create(),
    SearchCommand.Create(),
    DashboardCommand.Create(),
    DigestCommand.Create(),
    TerminalCommand.Create(),
    ChangesCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"posfleet: {error.Message}");
    }

    Console.Error.WriteLine("Run 'posfleet --help' for usage.");
    return PosFleet.Cli.ExitCodes.Usage;
}

// Ctrl+C and SIGTERM cancel the command; an ingest then commits what it has read, which may take a few seconds.
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
