using PosFleet.Logs;
using PosFleet.Logs.Storage;
using Xunit;

namespace PosFleet.Testing.Logs;

/// <content>Pages of entries: fields, cursors and filters.</content>
public abstract partial class LogStoreConformanceTests
{
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
            Origin = "fiscal printer",
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

    /// <summary>
    /// A rule's origin is stored with each entry as the rule had it then: the same rule (name, hint, link) with an origin,
    /// with another and without one reads back each entry's own, in the entries and in the template groups.
    /// </summary>
    [Fact]
    public async Task QueryAsync_SameRuleWithDifferentOrigins_KeepsEachEntrysOrigin()
    {
        var store = await CreateStoreAsync();
        LogEntry E(long line, string? origin, ulong template) => new()
        {
            Timestamp = Noon.AddMinutes(line),
            Terminal = "POS-0027",
            Level = "ERROR",
            Kind = LogKind.Error,
            Severity = LogSeverity.Error,
            Message = $"printer fault {line}",
            Template = $"printer fault <*> #{template}",
            TemplateId = template,
            Rule = "printer",
            Hint = "Check the printer.",
            Origin = origin,
            Position = new LogPosition(Source, line),
        };
        await store.AppendAsync(new LogBatch([E(1, "fiscal printer", 21), E(2, null, 22), E(3, "kitchen printer", 23)], Checkpoint(3)), CancellationToken.None);

        var all = await AllAsync(store);
        var groups = await store.GroupByTemplateAsync(new LogQuery(), 10, CancellationToken.None);

        Assert.Equal(["fiscal printer", null, "kitchen printer"], all.OrderBy(e => e.Position.Line).Select(e => e.Origin));
        Assert.Equal("fiscal printer", groups.Single(g => g.TemplateId == 21).Origin);
        Assert.Null(groups.Single(g => g.TemplateId == 22).Origin);
        Assert.Equal("kitchen printer", groups.Single(g => g.TemplateId == 23).Origin);
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

    /// <summary>A text without a word (only punctuation) matches nothing, in pages and in counts.</summary>
    [Fact]
    public async Task QueryAsync_TextWithoutAWord_ReturnsNothing()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync(Batch(1, 3), CancellationToken.None);

        var page = await store.QueryAsync(new LogQuery { Text = "!!!" }, CancellationToken.None);
        var counts = await store.CountAsync(new LogQuery { Text = " - " }, CancellationToken.None);

        Assert.Empty(page.Entries);
        Assert.Equal(0, counts.Sum(b => b.Count));
        Assert.Equal(3, (await store.QueryAsync(new LogQuery(), CancellationToken.None)).Entries.Count);
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

    /// <summary>
    /// A query past <see cref="LogQuery"/>'s size limits (here 17,000 words, some 100 KB of text) is refused before it
    /// is run, with the limit named, by every method that takes one.
    /// </summary>
    [Fact]
    public async Task QueryAsync_TextPastTheSizeLimit_RefusedNamingTheLimit()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync(Batch(1, 3), CancellationToken.None);
        var query = new LogQuery { Text = string.Join(' ', Enumerable.Range(0, 17_000).Select(i => $"word{i}")) };

        var page = await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.QueryAsync(query, CancellationToken.None));
        var counts = await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.CountAsync(query, CancellationToken.None));
        var groups = await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.GroupByTemplateAsync(query, 10, CancellationToken.None));
        var terminals = await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.GroupByTerminalAsync(query, 10, CancellationToken.None));

        Assert.All(new[] { page, counts, groups, terminals }, ex => Assert.Contains("at most 1,024 bytes", ex.Message, StringComparison.Ordinal));
    }
}
