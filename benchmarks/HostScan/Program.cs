using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PosFleet;
using PosFleet.Logs.Scanning;

// Usage: host-scan <log file> [scans]
// Scans the file `scans` times (default 5) in this process, every line in scope, as a host that composed the SDK with
// AddPosFleet does, and prints a line per scan: its wall time, its lines, and, for the first, about how long after the
// process's start it began (the kernel reports a process's start in ticks of 10 ms, rounded down, and the runtime adds
// it to a boot time from a coarse clock, up to one kernel tick behind: the figure may be up to about 20 ms too large,
// never too small).
if (args.Length < 1 || args.Length > 2)
{
    Console.Error.WriteLine("usage: host-scan <log file> [scans]");
    return 2;
}

var scans = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
if (scans < 1)
{
    Console.Error.WriteLine("host-scan: scans must be 1 or more");
    return 2;
}

var services = new ServiceCollection();
services.AddPosFleet();
await using var provider = services.BuildServiceProvider();
provider.ValidatePosFleetOptions();
var scanner = provider.GetRequiredService<ILogScanner>();
var everyLine = new LogScanFilter { From = DateTimeOffset.UnixEpoch, To = new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero) };

for (var i = 1; i <= scans; i++)
{
    var began = TimeProvider.System.GetUtcNow();
    var clock = Stopwatch.StartNew();
    var summary = await scanner.ScanAsync(new LogScanRequest { Inputs = [args[0]], Filter = everyLine });
    var ms = clock.Elapsed.TotalMilliseconds;
    var start = i == 1 ? string.Create(CultureInfo.InvariantCulture, $", began {(began - StartOfProcess()).TotalMilliseconds:F0} ms after the process's start") : "";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scan {i}: {ms:F1} ms, {summary.Lines} lines, {summary.LinesInScope} in scope{start}"));
}

return 0;

// Read after the first scan's start is taken, so that reading it is not counted in the figure.
static DateTimeOffset StartOfProcess()
{
    using var self = Process.GetCurrentProcess();
    return self.StartTime.ToUniversalTime();
}
