using System.Text;
using MimeKit;
using PosFleet.Tests;

namespace PosFleet.Cli.Tests.Digests;

/// <summary>A digest of a store holding thousands of terminals names the busiest and says how many more there are.</summary>
public sealed class DigestManyTerminalsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Db => Path.Combine(_dir.Path, "fleet.db");

    private string Pickup => Path.Combine(_dir.Path, "mail");

    [Fact]
    public async Task Run_StoreOfFiveThousandTerminals_WritesAMessageUnder64KiB_WithAndMore()
    {
        // 5,000 terminals with one offline entry each in the window, and POS-HEAVY with 200.
        var log = new StringBuilder();
        for (var i = 0; i < 5_000; i++)
        {
            log.Append("2026-11-20T0").Append(i % 8).Append(":00:00Z [OFFLINE] term=T-").Append(i).Append(" org=ACME sync: no internet connection, ").Append(i % 9).Append(" tickets kept in the outbox\n");
            if (i % 25 == 0)
            {
                log.Append("2026-11-20T05:00:00Z [OFFLINE] term=POS-HEAVY org=ACME sync: no internet connection, 3 tickets kept in the outbox\n");
            }
        }

        var ingest = await PosFleetProcess.RunAsync("ingest", _dir.File("fleet.log", log.ToString()), "--store", Db);
        var add = await PosFleetProcess.RunAsync("digest", "add", "--store", Db, "--name", "ops", "--recipients", "ops@example.com", "--time-zone", "UTC");
        Assert.True(ingest.ExitCode == 0 && add.ExitCode == 0, ingest.Stderr + add.Stderr);

        var (code, stdout, stderr) = await PosFleetProcess.RunAsync(
            "digest", "run", "--store", Db, "--subscription", "ops", "--now", "--as-of", "2026-11-20T12:00:00Z", "--pickup", Pickup);

        Assert.True(code == 0, stdout + stderr);
        var file = Assert.Single(Directory.GetFiles(Pickup, "*.eml"));
        Assert.True(new FileInfo(file).Length < 64 * 1024, $"the message is {new FileInfo(file).Length:N0} bytes");
        var message = await MimeMessage.LoadAsync(file);
        Assert.Contains("POS-HEAVY", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("… and 4,981 more terminals.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("… and 4,981 more terminals.", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("(5,001): POS-HEAVY", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("5,001 terminals", message.HtmlBody, StringComparison.Ordinal);
    }
}
