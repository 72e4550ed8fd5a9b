using System.Globalization;
using System.Text.RegularExpressions;
using PosFleet.Tests;

namespace PosFleet.Cli.Tests.Ingest;

/// <summary>
/// <c>posfleet ingest --follow --retention</c> stopped by SIGTERM once it has started deleting: exit 130 when the signal
/// interrupts the deletion, the follow mode's exit 0 when the deletion had ended first; either way the next ingest goes on
/// from there and the store ends up exact.
/// </summary>
public sealed class IngestRetentionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task IngestFollowWithRetention_SigtermOnceRetentionRuns_ExitsAsItsOutputSaysAndTheNextIngestStoresEverything()
    {
        Assert.False(OperatingSystem.IsWindows(), "SIGTERM is a Unix signal");
        var old = Path.Combine(_dir.Path, "old.log");
        var db = Path.Combine(_dir.Path, "fleet.db");
        await RunOkAsync("generate", "-o", old, "--size", "6MB"); // three days up to 2026-11-20: all older than a day
        await RunOkAsync("ingest", old, "--store", db);
        var today = TimeProvider.System.GetUtcNow().UtcDateTime;
        var log = _dir.File("till.log", string.Concat(Enumerable.Range(1, 3).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{today:yyyy-MM-dd}T{today:HH:mm:ss}.000Z [ERROR] term=POS-0001 printer: paper out ref=T-{i}\n"))));

        using var process = PosFleetProcess.Start("ingest", log, "--store", db, "--follow", "--retention", "1d");
        await process.WaitForStderrLineAsync(line => line.Contains("retention: deleting", StringComparison.Ordinal)); // tens of thousands of entries to delete: it is most likely still running
        await process.SignalAsync(PosFleetProcess.Signal.Terminate);
        var (_, output, stderr) = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        // The signal races the deletion, which may end first: what the tool printed says which way it went, and each way
        // has its own outcome.
        long storedFirst = 0;
        if (output.Contains("Retention: deleted", StringComparison.Ordinal))
        {
            // The deletion had ended: the signal stopped the follow mode, which stores what it read and exits 0.
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {output}\n{stderr}");
            Assert.DoesNotContain("interrupted", stderr, StringComparison.Ordinal);
            storedFirst = long.Parse(Regex.Match(output, @"(\d+) new entries stored").Groups[1].Value, CultureInfo.InvariantCulture);
        }
        else
        {
            Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}: {output}\n{stderr}");
            Assert.Contains("interrupted during retention", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("Ingested", output, StringComparison.Ordinal);
        }

        var again = await PosFleetProcess.RunAsync("ingest", log, "--store", db, "--retention", "1d");
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $" {3 - storedFirst} new entries stored"), again.Stdout, StringComparison.Ordinal);
        var search = await PosFleetProcess.RunAsync("search", "--store", db, "--limit", "100", "--json");
        using var json = System.Text.Json.JsonDocument.Parse(search.Stdout);
        Assert.Equal(3, json.RootElement.GetProperty("entries").GetArrayLength()); // the old entries all gone, the new ones all there
    }

    private static async Task RunOkAsync(params string[] args)
    {
        var (code, _, stderr) = await PosFleetProcess.RunAsync(args);
        Assert.True(code == 0, $"posfleet {string.Join(' ', args)}: exit {code}: {stderr}");
    }
}
