// outbox-kill backoffice --dir DIR --port PORT
//     A back office (Kestrel on 127.0.0.1:PORT, MapPosFleetSync) over DIR/backoffice.db. Its "ticket" handler inserts
//     the ticket into a `tickets` table in the inbox transaction; that table has no UNIQUE constraint, so a ticket
//     applied twice shows as two rows. On first start it enrols till-1 and leaves the credential in DIR/terminal.credential.
// outbox-kill terminal --dir DIR --port PORT --tickets N [--seed S]
//     A terminal over DIR/terminal.db: writes tickets 1..N (each ticket row and its outbox message in one transaction of
//     its own connection), resuming after the last ticket in its own table, while it syncs over HTTP; exits 0 once all N
//     are written and its outbox is empty, or 143 once SIGTERM stopped it. OUTBOX_KILL_CUTS=P cuts the connection on a share P of requests: half
//     before the request is sent, half after the back office answered (the response is thrown away).
// outbox-kill offline-week [--dir DIR] [--days 7] [--tickets-per-hour 60]
//     A sync agent on a FakeTimeProvider left offline for simulated days while tickets pile up in its SQLite outbox:
//     managed heap and working set at start, each day and at the end.
using System.Globalization;
using PosFleet.Benchmarks.OutboxKill;

var options = args.Skip(1).Select((a, i) => (a, i: i + 1)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length ? args[p.i + 1] : "");
string Text(string name, string? fallback = null) =>
    options.TryGetValue(name, out var v) ? v : fallback ?? throw new ArgumentException($"--{name} is required");
int Int(string name, int? fallback = null) =>
    options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback ?? throw new ArgumentException($"--{name} is required");

switch (args.FirstOrDefault())
{
    case "backoffice":
        await BackOfficeRole.RunAsync(Text("dir"), Int("port"));
        return 0;
    case "terminal":
        var cuts = double.Parse(Environment.GetEnvironmentVariable("OUTBOX_KILL_CUTS") ?? "0", CultureInfo.InvariantCulture);
        return await TerminalRole.RunAsync(Text("dir"), Int("port"), Int("tickets"), cuts, Int("seed", Environment.ProcessId));
    case "offline-week":
        return await OfflineWeek.RunAsync(
            Text("dir", Path.Combine(Path.GetTempPath(), "posfleet-offline-week-" + Environment.ProcessId)), Int("days", 7), Int("tickets-per-hour", 60));
    default:
        Console.Error.WriteLine("usage: outbox-kill backoffice|terminal|offline-week [options] (see Program.cs)");
        return 2;
}
