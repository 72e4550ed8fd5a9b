using PosFleet.Tests;

namespace PosFleet.Cli.Tests.Digests;

/// <summary><c>posfleet digest run --catch-up</c>: the windows missed since the last recorded one, run as a starting host would.</summary>
public sealed class DigestRunCatchUpTests : IDisposable
{
    // One error at 05:00 UTC on each of four days: each daily window ending at 08:00 UTC holds one.
    private static readonly string Log = string.Concat(Enumerable.Range(20, 4).Select(day =>
        $"2026-11-{day}T05:00:00.000Z [ERROR] term=POS-0001 org=ACME printer: printer not responding ref=T-{day}\n"));

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Db => Path.Combine(_dir.Path, "fleet.db");

    private string Pickup => Path.Combine(_dir.Path, "mail");

    private int Messages => Directory.Exists(Pickup) ? Directory.GetFiles(Pickup, "*.eml").Length : 0;

    private Task<PosFleetProcess.Result> RunAsync(string asOf, params string[] extra) =>
        PosFleetProcess.RunAsync(["digest", "run", "--store", Db, "--subscription", "ops", "--as-of", asOf, "--pickup", Pickup, .. extra]);

    /// <summary>
    /// The window ending 2026-11-20 08:00 is sent on time; the tool then runs at 10:00 on the 23rd, two hours after the
    /// last send time: the windows ending on the 21st, 22nd and 23rd were missed.
    /// </summary>
    [Theory]
    [InlineData("all", 0, 3, "2026-11-20 08:00Z .. 2026-11-21 08:00Z")]
    [InlineData("latest", 0, 1, "2026-11-22 08:00Z .. 2026-11-23 08:00Z")]
    [InlineData("none", 10, 0, "No window is due.")]
    public async Task Run_CatchUp_RunsTheMissedWindowsItSays(string catchUp, int expectedCode, int expectedMessages, string expectedOutput)
    {
        var ingest = await PosFleetProcess.RunAsync("ingest", _dir.File("till.log", Log), "--store", Db);
        var add = await PosFleetProcess.RunAsync("digest", "add", "--store", Db, "--name", "ops", "--recipients", "ops@example.com", "--send-at", "08:00", "--time-zone", "UTC");
        Assert.True(ingest.ExitCode == 0 && add.ExitCode == 0, ingest.Stderr + add.Stderr);
        var onTime = await RunAsync("2026-11-20T08:30:00Z");
        Assert.True(onTime.ExitCode == 0, onTime.Stderr);

        var (code, stdout, stderr) = await RunAsync("2026-11-23T10:00:00Z", "--catch-up", catchUp);

        Assert.True(code == expectedCode, stdout + stderr);
        Assert.Equal(1 + expectedMessages, Messages);
        Assert.Contains(expectedOutput, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OneSubscription_SendsOnlyItsDueDigestNotAnotherSubscriptionsDueAtTheSameTime()
    {
        var ingest = await PosFleetProcess.RunAsync("ingest", _dir.File("till.log", Log), "--store", Db);
        var ops = await PosFleetProcess.RunAsync("digest", "add", "--store", Db, "--name", "ops", "--recipients", "ops@example.com", "--send-at", "08:00", "--time-zone", "UTC");
        var lead = await PosFleetProcess.RunAsync("digest", "add", "--store", Db, "--name", "lead", "--recipients", "lead@example.com", "--send-at", "08:00", "--time-zone", "UTC");
        Assert.True(ingest.ExitCode == 0 && ops.ExitCode == 0 && lead.ExitCode == 0, ingest.Stderr + ops.Stderr + lead.Stderr);

        var (code, stdout, stderr) = await RunAsync("2026-11-20T08:30:00Z");
        var history = await PosFleetProcess.RunAsync("digest", "history", "--store", Db);

        Assert.True(code == 0, stdout + stderr);
        Assert.Equal(1, Messages);
        Assert.Contains("To: ops@example.com", await File.ReadAllTextAsync(Directory.GetFiles(Pickup, "*.eml")[0]), StringComparison.Ordinal);
        Assert.Single(history.Stdout.Split('\n'), l => l.StartsWith("ops ", StringComparison.Ordinal));
        Assert.DoesNotContain(history.Stdout.Split('\n'), l => l.StartsWith("lead ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_CatchUpNotAllLatestOrNone_OrWithNow_IsAUsageError()
    {
        var add = await PosFleetProcess.RunAsync("digest", "add", "--store", Db, "--name", "ops", "--recipients", "ops@example.com");
        Assert.True(add.ExitCode == 0, add.Stderr);

        var unknown = await RunAsync("2026-11-23T10:00:00Z", "--catch-up", "some");
        var withNow = await RunAsync("2026-11-23T10:00:00Z", "--catch-up", "all", "--now");

        Assert.Equal((2, 2), (unknown.ExitCode, withNow.ExitCode));
        Assert.Contains("--catch-up 'some' is not all, latest or none.", unknown.Stderr, StringComparison.Ordinal);
        Assert.Contains("--now", withNow.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, Messages);
    }
}
