using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using PosFleet.Cli.Tests.Scan;

namespace PosFleet.Cli.Tests.Ingest;

/// <summary>
/// SIGTERM during <c>posfleet ingest a.log b.log</c> once the first file is stored and the second is being read: the
/// summary says it was interrupted and counts what was committed, per source and for both, exactly what the store holds
/// (it used to list a.log alone, 160,403 entries, while the store held 198,520).
/// </summary>
public sealed partial class IngestSignalTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Ingest_SigtermWhileReadingTheSecondFile_SummaryCountsWhatTheStoreHoldsPerSource()
    {
        Assert.False(OperatingSystem.IsWindows(), "SIGTERM is a Unix signal");
        var a = await GenerateAsync("a.log", "2MB", seed: 1);
        var b = await GenerateAsync("b.log", "60MB", seed: 2); // half a million lines: many seconds, many batches
        var db = Path.Combine(_dir.Path, "fleet.db");
        using var process = PosFleetProcess.Start("ingest", a, b, "--store", db, "--batch-size", "2000");
        await ScanSignalTests.WaitUntilAsync(process, () => CheckpointLine(db, b) > 0, "a first batch of b.log to be committed");

        await process.SignalAsync(PosFleetProcess.Signal.Terminate);
        var (code, stdout, stderr) = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(code == 130, $"exit {code}: {stdout}\n{stderr}");
        var stored = StoredPerSource(db);
        Assert.Equal([a, b], stored.Keys.Order(StringComparer.Ordinal));
        var listed = SourceLine().Matches(stdout).ToDictionary(m => m.Groups["source"].Value, m => (Lines: Count(m, "lines"), New: Count(m, "new"), Interrupted: m.Groups["interrupted"].Success));
        Assert.Equal(stored.Keys.Order(StringComparer.Ordinal), listed.Keys.Order(StringComparer.Ordinal));
        foreach (var (source, entries) in stored)
        {
            Assert.Equal(entries, listed[source].New);
            Assert.Equal(CheckpointLine(db, source), listed[source].Lines); // the lines its committed checkpoint covers
        }

        Assert.False(listed[a].Interrupted);
        Assert.True(listed[b].Interrupted, stdout);
        Assert.True(listed[b].Lines < 400_000, $"b.log was read to its end before the signal: {stdout}");
        var total = stored.Values.Sum();
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Interrupted; committed from 2 source(s): {listed[a].Lines + listed[b].Lines:N0} new lines read, {total:N0} new entries stored,"), stdout, StringComparison.Ordinal);
        Assert.Contains("posfleet: interrupted; the entries counted above are stored, and the next ingest goes on from there.", stderr, StringComparison.Ordinal);
    }

    private static long Count(Match m, string group) => long.Parse(m.Groups[group].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private static Dictionary<string, long> StoredPerSource(string db)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var c = connection.CreateCommand();
        c.CommandText = "SELECT s.name, count(*) FROM entries e JOIN sources s ON s.id = e.source_id GROUP BY s.name;";
        using var reader = c.ExecuteReader();
        var stored = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            stored[reader.GetString(0)] = reader.GetInt64(1);
        }

        return stored;
    }

    /// <summary>The line <paramref name="source"/> is checkpointed at, 0 before its first commit (or before the store exists).</summary>
    private static long CheckpointLine(string db, string source)
    {
        if (!File.Exists(db))
        {
            return 0;
        }

        try
        {
            using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var c = connection.CreateCommand();
            c.CommandText = "SELECT coalesce(max(line), 0) FROM sources WHERE name = $name;";
            c.Parameters.AddWithValue("$name", source);
            return (long)c.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0; // the schema is not committed yet
        }
    }

    private async Task<string> GenerateAsync(string name, string size, int seed)
    {
        var path = Path.Combine(_dir.Path, name);
        var (code, _, stderr) = await PosFleetProcess.RunAsync("generate", "-o", path, "--size", size, "--seed", seed.ToString(CultureInfo.InvariantCulture));
        Assert.True(code == 0, stderr);
        return path;
    }

    [GeneratedRegex(@"^  (?<source>\S+)  lines=(?<lines>[\d,]+)  new=(?<new>[\d,]+)[^\n]*?(?<interrupted>\(interrupted: the rest is read by the next ingest\))?\r?$", RegexOptions.Multiline)]
    private static partial Regex SourceLine();
}
