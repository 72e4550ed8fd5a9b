using System.CommandLine;
using PosFleet.Cli;
using PosFleet.Cli.Commands;

// First of all, so that Ctrl+C or SIGTERM at any point of the run is the command's to answer (exit 130), never the
// runtime's default (killed by the signal, or 143). An ingest then commits what it has read, which may take a few seconds.
using var signals = new TerminationSignals(grace: TimeSpan.FromSeconds(30));

// A scan of a large input on the JIT: parsing the command line and composing the scanner keep this core busy for a quarter
// of a second, while the other compiles the scan's hot methods and what its end calls (ScanCommand.WarmUpFrom).
if (args is ["scan", ..])
{
    ScanCommand.WarmUpFrom(args);
}

var root = PosFleetCommands.Root(args);

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"posfleet: {PosFleet.DisplayText.Escape(error.Message)}");
    }

    Console.Error.WriteLine("Run 'posfleet --help' for usage.");
    return ExitCodes.Usage;
}

// The token is the signals' own: System.CommandLine's handler, registered only once an action first yields, stays off.
// A command that has no answer of its own to a signal still ends as every command does: 130, saying so.
try
{
    return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false }, signals.Token);
}
catch (OperationCanceledException) when (signals.Token.IsCancellationRequested)
{
    Console.Error.WriteLine("posfleet: interrupted.");
    return ExitCodes.Canceled;
}
catch (Exception ex)
{
    Console.Error.WriteLine($"posfleet: unexpected error: {PosFleet.DisplayText.Escape(ex.ToString())}");
    return 1;
}
