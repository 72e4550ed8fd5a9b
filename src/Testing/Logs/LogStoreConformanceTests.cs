using PosFleet.Logs;
using PosFleet.Logs.Storage;
using Xunit;

namespace PosFleet.Testing.Logs;

/// <summary>
/// The behaviour every <see cref="ILogStore"/> must have. A connector's test project derives from this class and
/// implements <see cref="CreateStoreAsync"/>; each test gets a new, empty store.
/// </summary>
public abstract class LogStoreConformanceTests
{
    /// <summary>The instant the test entries are written around: 2026-11-20 12:00 UTC.</summary>
    protected static readonly DateTimeOffset Noon = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private const string Source = "/var/log/pos/till.log";

    /// <summary>Makes a new, empty store for one test.</summary>
    /// <returns>The store.</returns>
    protected abstract ValueTask<ILogStore> CreateStoreAsync();

    /// <summary>Appending new entries stores them all and says so.</summary>
    [Fact]
    public async Task AppendAsync_NewEntries_ReturnsHowManyWereNew()
    {
        var store = await CreateStoreAsync();

        var added = await store.AppendAsync(Batch(1, 3), CancellationToken.None);

        Assert.Equal(3, added);
        Assert.Equal(3, (await AllAsync(store)).Count);
    }

    /// <summary>The same batch appended twice (a replay after a crash) is stored once.</summary>
    [Fact]
    public async Task AppendAsync_SameBatchTwice_StoresItOnce()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync(Batch(1, 5), CancellationToken.None);

        var added = await store.AppendAsync(Batch(1, 5), CancellationToken.None);

        Assert.Equal(0, added);
        Assert.Equal(5, (await AllAsync(store)).Count);
    }

    /// <summary>A batch overlapping what is stored adds only its new lines.</summary>
    [Fact]
    public async Task AppendAsync_OverlappingBatch_StoresOnlyNewLines()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync(Batch(1, 5), CancellationToken.None);

        var added = await store.AppendAsync(Batch(4, 8), CancellationToken.None);

        Assert.Equal(3, added);
        var lines = (await AllAsync(store)).Select(e => e.Position.Line).Order().ToList();
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], lines);
    }

    /// <summary>A batch behind the stored checkpoint (a late replay) stores nothing and does not move the checkpoint back.</summary>
    [Fact]
    public async Task AppendAsync_BatchBehindCheckpoint_StoresNothing()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync(Batch(1, 8), CancellationToken.None);

        var added = await store.AppendAsync(Batch(3, 5), CancellationToken.None);

        Assert.Equal(0, added);
        Assert.Equal(8, (await AllAsync(store)).Count);
        Assert.Equal(8, (await store.GetCheckpointAsync(Source, CancellationToken.None))!.Line);
    }

    /// <summary>An entry of another source than the checkpoint's is refused, and nothing of the batch is stored.</summary>
    [Fact]
    public async Task AppendAsync_EntryOfAnotherSource_Throws()
    {
        var store = await CreateStoreAsync();
        var stray = Entry(2) with { Position = new LogPosition("/other.log", 2) };

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.AppendAsync(new LogBatch([Entry(1), stray], Checkpoint(2)), CancellationToken.None));

        Assert.Empty(await AllAsync(store));
    }

    /// <summary>After a rotation (a new generation), the same line numbers are new entries.</summary>
    [Fact]
    public async Task AppendAsync_NewGeneration_StoresSameLineNumbersAgain()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync(Batch(1, 3), CancellationToken.None);

        var added = await store.AppendAsync(Batch(1, 2, generation: 1), CancellationToken.None);

        Assert.Equal(2, added);
        Assert.Equal(5, (await AllAsync(store)).Count);
        Assert.Equal(1, (await store.GetCheckpointAsync(Source, CancellationToken.None))!.Generation);
    }

    /// <summary>An empty batch still moves the checkpoint (a block of malformed lines was read).</summary>
    [Fact]
    public async Task AppendAsync_EmptyBatch_MovesCheckpoint()
    {
        var store = await CreateStoreAsync();
        var checkpoint = new IngestCheckpoint(Source, 4096, 40, 7);

        var added = await store.AppendAsync(new LogBatch([], checkpoint), CancellationToken.None);

        Assert.Equal(0, added);
        Assert.Equal(checkpoint, await store.GetCheckpointAsync(Source, CancellationToken.None));
    }

    /// <summary>A canceled append stores nothing, neither entries nor checkpoint.</summary>
    [Fact]
    public async Task AppendAsync_Canceled_StoresNothing()
    {
        var store = await CreateStoreAsync();
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.AppendAsync(Batch(1, 3), canceled.Token));

        Assert.Empty(await AllAsync(store));
        Assert.Null(await store.GetCheckpointAsync(Source, CancellationToken.None));
    }

    /// <summary>The checkpoint read back is the one of the last batch, field for field; an unknown source has none.</summary>
    [Fact]
    public async Task GetCheckpointAsync_AfterAppends_ReturnsLastBatchCheckpoint()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync(Batch(1, 3), CancellationToken.None);
        var last = new IngestCheckpoint(Source, 1234, 6, ulong.MaxValue - 5, "2049:77", 2);
        await store.AppendAsync(new LogBatch([Entry(4), Entry(5), Entry(6)], last), CancellationToken.None);

        Assert.Equal(last, await store.GetCheckpointAsync(Source, CancellationToken.None));
        Assert.Null(await store.GetCheckpointAsync("/never/ingested.log", CancellationToken.None));
    }

    /// <summary>Every field of an entry comes back as it was appended, time offset and hint included.</summary>
    [Fact]
    public async Task QueryAsync_StoredEntry_RoundTripsEveryField()
    {
        var store = await CreateStoreAsync();
        var entry = new LogEntry
        {
            Timestamp = new DateTimeOffset(2026, 11, 20, 13, 15, 2, 123, TimeSpan.FromHours(2)).AddTicks(4567),
            Terminal = "POS-0027",
            Organization = "ACME",
            Component = "tickets",
            Level = "ERROR",
            Kind = LogKind.Error,
            Severity = LogSeverity.Error,
            Message = "could not save ticket ref=T-1042 : disk error 5",
            Reference = "T-1042",
            TemplateId = 0xF00D_0000_0000_0001,
            Template = "could not save ticket ref=<*> : disk error <*>",
            Rule = "disk-full",
            Hint = "Free disk space on the terminal.",
            KnowledgeBaseUrl = new Uri("https://kb.example.com/disk-full"),
            Position = new LogPosition(Source, 1),
        };
        var bare = new LogEntry { Timestamp = Noon, Message = "started", Template = "started", Position = new LogPosition(Source, 2) };
        var blanks = bare with { Message = "sync  done in 5 ms", Template = "sync done in <*> ms", TemplateId = 3, Position = new LogPosition(Source, 3) };
        await store.AppendAsync(new LogBatch([entry, bare, blanks], Checkpoint(3)), CancellationToken.None);

        var all = await AllAsync(store);

        Assert.Equal(entry, all.Single(e => e.Position.Line == 1));
        Assert.Equal(bare, all.Single(e => e.Position.Line == 2));
        Assert.Equal(blanks, all.Single(e => e.Position.Line == 3));
        Assert.Equal(TimeSpan.FromHours(2), all.Single(e => e.Position.Line == 1).Timestamp.Offset);
    }

    /// <summary>Pages come newest first, and following the cursors gives every entry once, even among equal timestamps.</summary>
    [Fact]
    public async Task QueryAsync_FollowingCursors_ReturnsEveryEntryOnceNewestFirst()
    {
        var store = await CreateStoreAsync();
        // Three entries share each timestamp, so that the cursor must break ties.
        var entries = Enumerable.Range(1, 25).Select(i => Entry(i, at: Noon.AddMinutes(i / 3))).ToList();
        await store.AppendAsync(new LogBatch(entries, Checkpoint(25)), CancellationToken.None);

        var seen = new List<LogEntry>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await store.QueryAsync(new LogQuery { Limit = 4, After = cursor }, CancellationToken.None);
            Assert.True(page.Entries.Count <= 4);
            seen.AddRange(page.Entries);
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null && pages < 50);

        Assert.Equal(25, seen.Count);
        Assert.Equal(25, seen.Select(e => e.Position.Line).Distinct().Count());
        Assert.Equal(seen.OrderByDescending(e => e.Timestamp).Select(e => e.Timestamp), seen.Select(e => e.Timestamp));
        Assert.Equal(7, pages);
    }

    /// <summary>A page that holds the last entries has no cursor.</summary>
    [Fact]
    public async Task QueryAsync_LastPage_HasNoCursor()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync(Batch(1, 3), CancellationToken.None);

        var page = await store.QueryAsync(new LogQuery { Limit = 3 }, CancellationToken.None);

        Assert.Equal(3, page.Entries.Count);
        Assert.Null(page.Next);
    }

    /// <summary>Each field of the query narrows the result.</summary>
    [Fact]
    public async Task QueryAsync_EachFilter_NarrowsTheResult()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync(new LogBatch(Fleet(), Checkpoint(Fleet().Count)), CancellationToken.None);

        async Task<long[]> Lines(LogQuery q) =>
            [.. (await store.QueryAsync(q with { Limit = 100 }, CancellationToken.None)).Entries.Select(e => e.Position.Line).Order()];

        Assert.Equal(L(1, 2, 3, 4, 5, 6), await Lines(new LogQuery()));
        Assert.Equal(L(1, 4), await Lines(new LogQuery { Severities = new HashSet<LogSeverity> { LogSeverity.Error } }));
        Assert.Equal(L(3, 5), await Lines(new LogQuery { Kinds = new HashSet<LogKind> { LogKind.Offline, LogKind.Retry } }));
        Assert.Equal(L(1, 2), await Lines(new LogQuery { Terminal = "POS-0027" }));
        Assert.Equal(L(5, 6), await Lines(new LogQuery { Organization = "BETA" }));
        Assert.Equal(L(2), await Lines(new LogQuery { Reference = "T-2" }));
        Assert.Equal(L(1, 4), await Lines(new LogQuery { TemplateId = 11 }));
        Assert.Equal(L(2, 3), await Lines(new LogQuery { From = Noon.AddHours(1), To = Noon.AddHours(3) }));
        Assert.Equal(L(3), await Lines(new LogQuery { Text = "INTERNET" }));
        Assert.Equal(L(1, 4), await Lines(new LogQuery { Text = "disk error" }));
        Assert.Empty(await Lines(new LogQuery { Text = "intern" }));
        Assert.Equal(L(4), await Lines(new LogQuery { Text = "disk", Terminal = "POS-0028" }));
    }

    /// <summary>A word found on very many entries (a store may search those differently) still gives the newest matches first.</summary>
    [Fact]
    public async Task QueryAsync_WordOnManyEntries_NewestMatchesFirst()
    {
        var store = await CreateStoreAsync();
        var entries = Enumerable.Range(1, 30_000)
            .Select(i => Entry(i, at: Noon.AddSeconds(i)) with { Message = i % 3 == 0 ? $"line {i} printed" : $"line {i} done" })
            .ToList();
        await store.AppendAsync(new LogBatch(entries, Checkpoint(30_000)), CancellationToken.None);

        var done = await store.QueryAsync(new LogQuery { Text = "done", Limit = 3 }, CancellationToken.None);
        var printed = await store.QueryAsync(new LogQuery { Text = "printed", Limit = 3, From = Noon, To = Noon.AddSeconds(100) }, CancellationToken.None);

        Assert.Equal(L(29_999, 29_998, 29_996), done.Entries.Select(e => e.Position.Line).ToArray());
        Assert.Equal(L(99, 96, 93), printed.Entries.Select(e => e.Position.Line).ToArray());
    }

    /// <summary>Counts come per hour (UTC), severity and kind, over the query's window.</summary>
    [Fact]
    public async Task CountAsync_Window_CountsPerHourSeverityAndKind()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync(new LogBatch(Fleet(), Checkpoint(Fleet().Count)), CancellationToken.None);

        var buckets = await store.CountAsync(new LogQuery { From = Noon, To = Noon.AddHours(4) }, CancellationToken.None);

        Assert.Equal(
            [
                new LogCountBucket(Noon, LogSeverity.Error, LogKind.Error, 1),
                new LogCountBucket(Noon.AddHours(1), LogSeverity.Success, LogKind.None, 1),
                new LogCountBucket(Noon.AddHours(2), LogSeverity.Alert, LogKind.Offline, 1),
                new LogCountBucket(Noon.AddHours(3), LogSeverity.Error, LogKind.Error, 1),
            ],
            buckets);
        Assert.Equal(6, (await store.CountAsync(new LogQuery(), CancellationToken.None)).Sum(b => b.Count));
    }

    /// <summary>Entries group by template: count, first and last seen, latest example, terminals, hint.</summary>
    [Fact]
    public async Task GroupByTemplateAsync_Entries_AggregatesPerTemplate()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync(new LogBatch(Fleet(), Checkpoint(Fleet().Count)), CancellationToken.None);

        var groups = await store.GroupByTemplateAsync(new LogQuery { Severities = new HashSet<LogSeverity> { LogSeverity.Error, LogSeverity.Alert } }, 10, CancellationToken.None);

        var disk = groups[0];
        Assert.Equal(11UL, disk.TemplateId);
        Assert.Equal(2, disk.Count);
        Assert.Equal("could not save ticket : disk error <*>", disk.Template);
        Assert.Equal(Noon, disk.FirstSeen);
        Assert.Equal(Noon.AddHours(3), disk.LastSeen);
        Assert.Equal(4, disk.Example.Position.Line);
        Assert.Equal(["POS-0027", "POS-0028"], disk.Terminals);
        Assert.Equal(LogSeverity.Error, disk.Severity);
        Assert.Equal("disk-full", disk.Rule);
        Assert.Equal("Free disk space on the terminal.", disk.Hint);
        Assert.Equal(new Uri("https://kb.example.com/disk-full"), disk.KnowledgeBaseUrl);
        Assert.Equal(3, groups.Count);
        Assert.Single(await store.GroupByTemplateAsync(new LogQuery(), 1, CancellationToken.None));
    }

    /// <summary>Terminals come with the most entries first; entries without a terminal are left out.</summary>
    [Fact]
    public async Task GroupByTerminalAsync_Entries_MostFirst()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync(new LogBatch(Fleet(), Checkpoint(Fleet().Count)), CancellationToken.None);

        var groups = await store.GroupByTerminalAsync(new LogQuery(), 10, CancellationToken.None);

        Assert.Equal(
            [
                new LogTerminalGroup("POS-0027", "ACME", 2, Noon.AddHours(1)),
                new LogTerminalGroup("POS-0028", "ACME", 2, Noon.AddHours(3)),
                new LogTerminalGroup("POS-0029", "BETA", 1, Noon.AddHours(4)),
            ],
            groups);
    }

    /// <summary>Retention deletes exactly the entries older than the limit, and queries no longer see them.</summary>
    [Fact]
    public async Task DeleteOlderThanAsync_Limit_DeletesOnlyOlderEntries()
    {
        var store = await CreateStoreAsync();
        var entries = Enumerable.Range(1, 30).Select(i => Entry(i, at: Noon.AddMinutes(i))).ToList();
        await store.AppendAsync(new LogBatch(entries, Checkpoint(30)), CancellationToken.None);

        var deleted = await store.DeleteOlderThanAsync(Noon.AddMinutes(11), CancellationToken.None);

        Assert.Equal(10, deleted);
        var left = await AllAsync(store);
        Assert.Equal(20, left.Count);
        Assert.All(left, e => Assert.True(e.Timestamp >= Noon.AddMinutes(11)));
        Assert.Equal(20, (await store.CountAsync(new LogQuery(), CancellationToken.None)).Sum(b => b.Count));
        Assert.Empty((await store.QueryAsync(new LogQuery { Text = "line 3" }, CancellationToken.None)).Entries);
    }

    /// <summary>An entry at a position, written at an instant, of one source.</summary>
    /// <param name="line">The line number.</param>
    /// <param name="at">When it was written (default: noon plus the line number in seconds).</param>
    /// <returns>The entry.</returns>
    protected static LogEntry Entry(long line, DateTimeOffset? at = null) => new()
    {
        Timestamp = at ?? Noon.AddSeconds(line),
        Terminal = "POS-0001",
        Organization = "ACME",
        Level = "INFO",
        Message = $"line {line} done",
        Template = "line <*> done",
        TemplateId = 1,
        Position = new LogPosition(Source, line),
    };

    private static long[] L(params long[] lines) => lines;

    private static IngestCheckpoint Checkpoint(long line, long generation = 0) => new(Source, line * 100, line, 42, null, generation);

    private static LogBatch Batch(long first, long last, long generation = 0) =>
        new([.. Enumerable.Range((int)first, (int)(last - first + 1)).Select(i => Entry(i))], Checkpoint(last, generation));

    private static async Task<List<LogEntry>> AllAsync(ILogStore store) =>
        [.. (await store.QueryAsync(new LogQuery { Limit = 10_000 }, CancellationToken.None)).Entries];

    private static List<LogEntry> Fleet()
    {
        LogEntry E(long line, int hour, string terminal, string org, LogKind kind, LogSeverity severity, string message, ulong templateId, string template, string? reference = null) => new()
        {
            Timestamp = Noon.AddHours(hour),
            Terminal = terminal,
            Organization = org,
            Level = severity.ToString().ToUpperInvariant(),
            Kind = kind,
            Severity = severity,
            Message = message,
            Reference = reference,
            TemplateId = templateId,
            Template = template,
            Rule = templateId == 11 ? "disk-full" : null,
            Hint = templateId == 11 ? "Free disk space on the terminal." : null,
            KnowledgeBaseUrl = templateId == 11 ? new Uri("https://kb.example.com/disk-full") : null,
            Position = new LogPosition(Source, line),
        };

        return
        [
            E(1, 0, "POS-0027", "ACME", LogKind.Error, LogSeverity.Error, "could not save ticket : disk error 5", 11, "could not save ticket : disk error <*>"),
            E(2, 1, "POS-0027", "ACME", LogKind.None, LogSeverity.Success, "ticket closed ref=T-2", 12, "ticket closed ref=<*>", "T-2"),
            E(3, 2, "POS-0028", "ACME", LogKind.Offline, LogSeverity.Alert, "no internet connection", 13, "no internet connection"),
            E(4, 3, "POS-0028", "ACME", LogKind.Error, LogSeverity.Error, "could not save ticket : disk error 7", 11, "could not save ticket : disk error <*>"),
            E(5, 4, "POS-0029", "BETA", LogKind.Retry, LogSeverity.Alert, "retrying upload (attempt 2)", 14, "retrying upload (attempt <*>)"),
            new LogEntry { Timestamp = Noon.AddHours(5), Organization = "BETA", Message = "nightly export done", Template = "nightly export done", TemplateId = 15, Position = new LogPosition(Source, 6) },
        ];
    }
}
