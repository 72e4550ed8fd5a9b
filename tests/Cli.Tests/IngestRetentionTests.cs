using System.Diagnostics;
using System.Globalization;
using PosFleet.Tests;

namespace PosFleet.Cli.Tests;

/// <summary><c>posfleet ingest --retention</c> stopped by SIGTERM while it deletes: exit 130, and the store goes on from there.</summary>
public sealed class IngestRetentionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task IngestFollowWithRetention_SigtermWhileRetentionRuns_Exits130AndTheNextIngestStoresEverything()
    {
        Assert.False(OperatingSystem.IsWindows(), "SIGTERM is a Unix signal");
        var old = Path.Combine(_dir.Path, "old.log");
        var db = Path.Combine(_dir.Path, "fleet.db");
        await RunOkAsync("generate", "-o", old, "--size", "6MB"); // three days up to 2026-11-20: all older than a day
        await RunOkAsync("ingest", old, "--store", db);
        var today = TimeProvider.System.GetUtcNow().UtcDateTime;
        var log = _dir.File("till.log", string.Concat(Enumerable.Range(1, 3).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{today:yyyy-MM-dd}T{today:HH:mm:ss}.000Z [ERROR] term=POS-0001 printer: paper out ref=T-{i}\n"))));

        using var process = Start("ingest", log, "--store", db, "--follow", "--retention", "1d");
        var errors = new List<string>();
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            errors.Add(line);
            if (line.Contains("retention: deleting", StringComparison.Ordinal))
            {
                break; // tens of thousands of entries to delete: it is running now
            }
        }

        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        var rest = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var stderr = string.Join('\n', errors) + "\n" + await rest;
        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}: {stderr}");
        Assert.Contains("interrupted during retention", stderr, StringComparison.Ordinal);

        var again = await PosFleetProcess.RunAsync("ingest", log, "--store", db, "--retention", "1d");
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Contains("3 new entries stored", again.Stdout, StringComparison.Ordinal);
        var search = await PosFleetProcess.RunAsync("search", "--store", db, "--limit", "100", "--json");
        using var json = System.Text.Json.JsonDocument.Parse(search.Stdout);
        Assert.Equal(3, json.RootElement.GetProperty("entries").GetArrayLength()); // the old entries all gone, the new ones all there
    }

    private static async Task RunOkAsync(params string[] args)
    {
        var (code, _, stderr) = await PosFleetProcess.RunAsync(args);
        Assert.True(code == 0, $"posfleet {string.Join(' ', args)}: exit {code}: {stderr}");
    }

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(PosFleetProcess.ToolPath);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        return process;
    }
}
