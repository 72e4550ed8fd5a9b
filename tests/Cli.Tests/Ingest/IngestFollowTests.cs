using System.Diagnostics;

namespace PosFleet.Cli.Tests.Ingest;

/// <summary><c>posfleet ingest --follow</c> keeps up with a growing, rotating file and stops cleanly on SIGTERM.</summary>
public sealed class IngestFollowTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Follow_GrowthAndRotationThenSigterm_ExitsZeroWithEverythingStored()
    {
        var log = _dir.File("till.log", Lines(1, 10));
        var db = Path.Combine(_dir.Path, "fleet.db");
        using var process = PosFleetProcess.Start("ingest", log, "--store", db, "--follow");

        await WaitForRowsAsync(db, 10);
        File.AppendAllText(log, Lines(11, 20));
        await WaitForRowsAsync(db, 20);
        File.Move(log, log + ".1");
        File.WriteAllText(log, Lines(101, 125));
        await WaitForRowsAsync(db, 45);

        await process.SignalAsync(PosFleetProcess.Signal.Terminate);

        var (_, output, error) = await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {error}");
        Assert.Contains("45 new entries stored", output, StringComparison.Ordinal);
        Assert.Equal(45, StoreSignature.Read(db).Rows);
    }

    private static string Lines(int first, int last) => string.Concat(Enumerable.Range(first, last - first + 1).Select(i =>
        $"2026-11-20T10:{i / 60 % 60:00}:{i % 60:00}.000Z [ERROR] term=POS-0001 org=ACME printer: paper out ref=T-{i}\n"));

    private static async Task WaitForRowsAsync(string db, long rows)
    {
        // The store's directory changes with every committed batch (the WAL grows): each change wakes the check.
        using var changed = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(Path.GetFullPath(db))!) { EnableRaisingEvents = true };
        watcher.Changed += (_, _) => changed.Release();
        watcher.Created += (_, _) => changed.Release();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if (File.Exists(db) && StoreSignature.Read(db).Rows >= rows)
                {
                    return;
                }
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                // The schema is not committed yet.
            }

            // A change, or a second at most (a change between the check and the wait is not missed: it was counted).
            await changed.WaitAsync(TimeSpan.FromSeconds(1));
        }

        Assert.Fail($"the followed file's {rows} lines were not all stored within a minute");
    }
}
