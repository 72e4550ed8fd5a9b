using System.Globalization;
using PosFleet.Tests;

namespace PosFleet.Cli.Tests.Digests;

/// <summary>
/// A real <c>posfleet digest run</c> over a SQLite store, killed (SIGKILL) at a random point once per window and then
/// run again after the lease: the pickup folder must hold exactly one digest per window, never two, never none.
/// </summary>
public sealed class DigestRunKillTests : IDisposable
{
    private const int Windows = 20;
    private static readonly DateTimeOffset FirstSend = new(2026, 11, 1, 7, 0, 0, TimeSpan.Zero); // 08:00 Madrid

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Run_KilledAtRandomPointsTwentyTimes_LeavesExactlyOneDigestPerWindow()
    {
        var db = Path.Combine(_dir.Path, "fleet.db");
        var pickup = Path.Combine(_dir.Path, "mail");
        var log = string.Concat(Enumerable.Range(0, Windows).SelectMany(day => Enumerable.Range(1, 6).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{FirstSend.AddDays(day).AddHours(-2).AddMinutes(i):yyyy-MM-ddTHH:mm:ss.fffZ} [ERROR] term=POS-0001 org=ACME printer: printer not responding ref=T-{day}-{i}\n"))));
        Assert.Equal(0, (await PosFleetProcess.RunAsync("ingest", _dir.File("till.log", log), "--store", db)).ExitCode);
        Assert.Equal(0, (await PosFleetProcess.RunAsync("digest", "add", "--store", db, "--name", "ops", "--recipients", "ana@example.es,ops@example.com",
            "--threshold", "3", "--send-at", "08:00", "--time-zone", "Europe/Madrid")).ExitCode);

        var random = new Random(20261123);
        var interrupted = 0;
        for (var day = 0; day < Windows; day++)
        {
            var send = FirstSend.AddDays(day);
            using (var process = PosFleetProcess.Start("digest", "run", "--store", db, "--subscription", "ops", "--as-of", Instant(send.AddMinutes(5)), "--pickup", pickup))
            {
                // A run takes about half a second on an idle machine (most of it start-up): kill within that.
                if (!await process.TryWaitForExitAsync(TimeSpan.FromMilliseconds(random.Next(20, 450))))
                {
                    await process.SignalAsync(PosFleetProcess.Signal.Kill);
                    interrupted++;
                }

                await process.WaitForExitAsync();
            }

            // Restarted after the 10-minute lease of a run the killed process may have claimed.
            var (code, stdout, stderr) = await PosFleetProcess.RunAsync("digest", "run", "--store", db, "--subscription", "ops", "--as-of", Instant(send.AddMinutes(16)), "--pickup", pickup);
            Assert.True(code is 0 or 10, $"day {day}: exit {code}\n{stdout}\n{stderr}");
        }

        var messages = Directory.GetFiles(pickup, "*.eml").Select(File.ReadAllText).ToList();
        var history = (await PosFleetProcess.RunAsync("digest", "history", "--store", db, "--limit", "100")).Stdout;

        Assert.True(interrupted >= Windows / 2, $"only {interrupted} of {Windows} runs were killed before they ended");
        Assert.Equal(Windows, messages.Count);
        Assert.Equal(Windows, messages.Select(m => m.Split('\n').First(l => l.StartsWith("Message-Id:", StringComparison.OrdinalIgnoreCase))).Distinct().Count());
        Assert.All(messages, m => Assert.Contains("Subject: ops: 6 errors", m, StringComparison.Ordinal));
        Assert.Equal(Windows, history.Split('\n').Count(l => l.Contains("count 6 (threshold 3)  sent", StringComparison.Ordinal)));
    }

    private static string Instant(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
